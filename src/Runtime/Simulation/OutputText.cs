using System.Text;

namespace PodBench.Runtime.Simulation;

/// <summary>
/// The generated text: a cycle of common English words, each with a leading space. Each is a single token in the
/// usual BPE vocabularies, so a client that counts the text with a real tokenizer gets the simulator's count.
/// </summary>
internal static class OutputText
{
    private static readonly string[] Words = [" the", " of", " and", " to", " a", " in", " is", " it", " that", " for"];

    private static readonly byte[][] Utf8Words = CreateUtf8Words();

    /// <summary>About 1 MiB of JSON-safe content, for <see cref="PodBench.Dsl.SimulatorFault.HugeChunk"/>.</summary>
    public static byte[] Huge { get; } = CreateHuge();

    /// <summary>Token <paramref name="index"/> (0-based) as UTF-8 bytes; JSON-safe as they are.</summary>
    public static byte[] Token(int index) => Utf8Words[index % Utf8Words.Length];

    /// <summary>Token <paramref name="index"/> (0-based) as text.</summary>
    public static string TokenText(int index) => Words[index % Words.Length];

    /// <summary>The first <paramref name="count"/> tokens as one text.</summary>
    public static string Text(int count)
    {
        var builder = new StringBuilder(count * 4);
        for (var i = 0; i < count; i++)
        {
            builder.Append(TokenText(i));
        }

        return builder.ToString();
    }

    private static byte[][] CreateUtf8Words()
    {
        var words = new byte[Words.Length][];
        for (var i = 0; i < Words.Length; i++)
        {
            words[i] = Encoding.UTF8.GetBytes(Words[i]);
        }

        return words;
    }

    private static byte[] CreateHuge()
    {
        var huge = new byte[1024 * 1024];
        var word = Encoding.UTF8.GetBytes(" A");
        for (var i = 0; i < huge.Length; i++)
        {
            huge[i] = word[i % word.Length];
        }

        return huge;
    }
}
