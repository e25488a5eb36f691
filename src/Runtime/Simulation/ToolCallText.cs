using System.Text;

namespace PodBench.Runtime.Simulation;

/// <summary>
/// The simulated function call: its arguments are <c>{"text": "&lt;the generated tokens&gt;"}</c>, streamed one token
/// per event (the first event opens the object, the last closes it), so a call of N tokens takes N events like text.
/// </summary>
internal static class ToolCallText
{
    private static readonly byte[] Open = Encoding.UTF8.GetBytes("{\\\"text\\\": \\\"");
    private static readonly byte[] Close = Encoding.UTF8.GetBytes("\\\"}");

    /// <summary>The call's id, as vLLM shapes it.</summary>
    public static string Id(ResponsePlan plan) => "chatcmpl-tool-" + plan.Ordinal.ToString("x16", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The whole arguments text (unescaped).</summary>
    public static string Arguments(int tokens) => "{\"text\": \"" + OutputText.Text(tokens) + "\"}";

    /// <summary>Token <paramref name="index"/> of <paramref name="tokens"/> as its JSON-escaped arguments piece.</summary>
    public static byte[] Piece(int index, int tokens)
    {
        var word = OutputText.Token(index);
        var first = index == 0;
        var last = index == tokens - 1;
        if (!first && !last)
        {
            return word;
        }

        var piece = new byte[(first ? Open.Length : 0) + word.Length + (last ? Close.Length : 0)];
        var at = 0;
        if (first)
        {
            Open.CopyTo(piece, 0);
            at = Open.Length;
        }

        word.CopyTo(piece, at);
        if (last)
        {
            Close.CopyTo(piece, at + word.Length);
        }

        return piece;
    }
}
