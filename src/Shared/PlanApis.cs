namespace PodBench.Shared;

/// <summary>
/// What each <c>ApiKind</c> (by its number, as the compiler reads it) sends, shared by the compiler's checks, the
/// runner's and the engine: which APIs carry chat messages, which name the model in their requests.
/// </summary>
internal static class PlanApis
{
    public const int StreamChat = 0;
    public const int Chat = 1;
    public const int StreamCompletions = 2;
    public const int Completions = 3;
    public const int MindieStream = 16;
    public const int Tgi = 17;
    public const int TgiStream = 18;
    public const int Triton = 19;
    public const int TritonStream = 20;

    /// <summary>True for the APIs whose requests carry chat messages (and so a multi-turn history).</summary>
    public static bool IsChat(int api) => api is StreamChat or Chat;

    /// <summary>True for the native APIs of MindIE, TGI and Triton (a prompt string and <c>parameters</c>).</summary>
    public static bool IsNative(int api) => api is MindieStream or Tgi or TgiStream or Triton or TritonStream;

    /// <summary>True when the API's requests name the model (the body's <c>model</c>, or Triton's request path).</summary>
    public static bool SendsModelName(int api) => api is not (MindieStream or Tgi or TgiStream);

    /// <summary>The <c>ApiKind</c> member's name for a message, e.g. <c>ApiKind.Tgi</c>.</summary>
    public static string Name(int api) => "ApiKind." + api switch
    {
        StreamChat => "StreamChat",
        Chat => "Chat",
        StreamCompletions => "StreamCompletions",
        Completions => "Completions",
        MindieStream => "MindieStream",
        Tgi => "Tgi",
        TgiStream => "TgiStream",
        Triton => "Triton",
        TritonStream => "TritonStream",
        _ => api.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
