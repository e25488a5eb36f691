namespace PodBench.Runtime.Workloads;

/// <summary>
/// The GPT-2 byte-to-character table of byte-level BPE: printable Latin-1 bytes map to themselves, every other
/// byte to U+0100 onwards, so that every byte string is a string of visible characters.
/// </summary>
internal static class ByteLevelMap
{
    /// <summary>The character standing for each byte.</summary>
    public static readonly char[] ByteToChar = BuildByteToChar();

    /// <summary>The byte of each character below <see cref="CharLimit"/>, or -1.</summary>
    public static readonly short[] CharToByte = BuildCharToByte();

    /// <summary>All mapped characters are below this code.</summary>
    public const int CharLimit = 0x144;

    private static char[] BuildByteToChar()
    {
        var map = new char[256];
        var next = 256;
        for (var b = 0; b < 256; b++)
        {
            var printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            map[b] = printable ? (char)b : (char)next++;
        }

        return map;
    }

    private static short[] BuildCharToByte()
    {
        var map = new short[CharLimit];
        System.Array.Fill(map, (short)-1);
        for (var b = 0; b < 256; b++)
        {
            map[ByteToChar[b]] = (short)b;
        }

        return map;
    }
}
