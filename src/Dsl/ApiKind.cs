namespace PodBench.Dsl;

/// <summary>
/// The API an endpoint is driven through: the OpenAI-compatible ones, and the native APIs of MindIE, TGI and Triton
/// (numbered from 16, apart from the OpenAI-compatible kinds). Each has a preset on <see cref="ModelEndpoint"/>.
/// </summary>
public enum ApiKind
{
    /// <summary><c>POST /v1/chat/completions</c> with <c>stream: true</c> (reference: <c>vllm_api_stream_chat</c>).</summary>
    StreamChat,

    /// <summary><c>POST /v1/chat/completions</c> without streaming (reference: <c>vllm_api_general_chat</c>).</summary>
    Chat,

    /// <summary><c>POST /v1/completions</c> with <c>stream: true</c> (reference: <c>vllm_api_general_stream</c>).</summary>
    StreamCompletions,

    /// <summary><c>POST /v1/completions</c> without streaming (reference: <c>vllm_api_general</c>).</summary>
    Completions,

    /// <summary>
    /// MindIE's native stream API, <c>POST /infer</c> with <c>{"inputs", "stream": true, "parameters"}</c>
    /// (reference: <c>MindieStreamApi</c>, config <c>mindie_stream_api_general</c>).
    /// </summary>
    MindieStream = 16,

    /// <summary>
    /// Text Generation Inference, <c>POST /generate</c> with <c>{"inputs", "parameters"}</c>, one JSON answer
    /// (reference: <c>TGICustomAPI</c> with <c>stream=False</c>, config <c>tgi_api_general</c>).
    /// </summary>
    Tgi = 17,

    /// <summary>
    /// Text Generation Inference, <c>POST /generate_stream</c> (reference: <c>TGICustomAPI</c> with
    /// <c>stream=True</c>, config <c>tgi_stream_api_general</c>).
    /// </summary>
    TgiStream = 18,

    /// <summary>
    /// Triton's generate extension, <c>POST /v2/models/&lt;model&gt;/generate</c> with
    /// <c>{"id", "text_input", "parameters"}</c> (reference: <c>TritonCustomAPI</c> with <c>stream=False</c>,
    /// config <c>triton_api_general</c>).
    /// </summary>
    Triton = 19,

    /// <summary>
    /// Triton's generate extension, <c>POST /v2/models/&lt;model&gt;/generate_stream</c> (reference:
    /// <c>TritonCustomAPI</c> with <c>stream=True</c>, config <c>triton_stream_api_general</c>).
    /// </summary>
    TritonStream = 20,
}
