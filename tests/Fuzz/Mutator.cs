using System;
using System.Collections.Generic;

namespace PodBench.Fuzz;

/// <summary>Random mutations of byte strings: bit flips, edge bytes, range deletes/duplicates, dictionary inserts, splices, line swaps.</summary>
public sealed class Mutator(Random random, IReadOnlyList<byte[]> dictionary, int maxBytes)
{
    private static readonly byte[] EdgeBytes = [0x00, 0xFF, 0xC3, 0x80, (byte)'"', (byte)'{', (byte)'}', (byte)'[', (byte)']', (byte)':', (byte)',', (byte)'\\', (byte)'\n', (byte)'\r', (byte)' ', (byte)'0', (byte)'-', (byte)'e', (byte)'.', (byte)'\t'];

    public byte[] Mutate(byte[] input, IReadOnlyList<byte[]> corpus)
    {
        var data = new List<byte>(input);
        var rounds = 1 + random.Next(4);
        for (var r = 0; r < rounds; r++)
        {
            Apply(data, corpus);
        }

        if (data.Count > maxBytes)
        {
            data.RemoveRange(maxBytes, data.Count - maxBytes);
        }

        return data.ToArray();
    }

    private void Apply(List<byte> data, IReadOnlyList<byte[]> corpus)
    {
        var at = data.Count == 0 ? 0 : random.Next(data.Count + 1);
        switch (random.Next(9))
        {
            case 0 when data.Count > 0:
                var i = random.Next(data.Count);
                data[i] ^= (byte)(1 << random.Next(8));
                break;
            case 1 when data.Count > 0:
                data[random.Next(data.Count)] = EdgeBytes[random.Next(EdgeBytes.Length)];
                break;
            case 2 when data.Count > 0:
                var start = random.Next(data.Count);
                data.RemoveRange(start, random.Next(Math.Min(32, data.Count - start) + 1));
                break;
            case 3 when data.Count > 0:
                var from = random.Next(data.Count);
                var length = random.Next(Math.Min(64, data.Count - from) + 1);
                data.InsertRange(at, data.GetRange(from, length));
                break;
            case 4:
            case 5:
                data.InsertRange(at, dictionary[random.Next(dictionary.Count)]);
                break;
            case 6 when corpus.Count > 0:
                var other = corpus[random.Next(corpus.Count)];
                var cut = random.Next(other.Length + 1);
                data.RemoveRange(at, data.Count - at);
                data.AddRange(other.AsSpan(cut).ToArray());
                break;
            case 7:
                SwapLines(data);
                break;
            default:
                ReplaceNumber(data);
                break;
        }
    }

    private void SwapLines(List<byte> data)
    {
        var text = data.ToArray();
        var lines = new List<byte[]>();
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i == text.Length || text[i] == (byte)'\n')
            {
                lines.Add(text[start..i]);
                start = i + 1;
            }
        }

        if (lines.Count < 2)
        {
            return;
        }

        var a = random.Next(lines.Count);
        var b = random.Next(lines.Count);
        (lines[a], lines[b]) = (lines[b], lines[a]);
        data.Clear();
        for (var i = 0; i < lines.Count; i++)
        {
            if (i > 0)
            {
                data.Add((byte)'\n');
            }

            data.AddRange(lines[i]);
        }
    }

    private void ReplaceNumber(List<byte> data)
    {
        var starts = new List<int>();
        for (var i = 0; i < data.Count; i++)
        {
            if (data[i] is >= (byte)'0' and <= (byte)'9' && (i == 0 || data[i - 1] is < (byte)'0' or > (byte)'9'))
            {
                starts.Add(i);
            }
        }

        if (starts.Count == 0)
        {
            return;
        }

        var s = starts[random.Next(starts.Count)];
        var e = s;
        while (e < data.Count && data[e] is >= (byte)'0' and <= (byte)'9')
        {
            e++;
        }

        string[] numbers = ["0", "1", "-1", "1048576", "1048577", "2147483648", "9223372036854775808", "1e308", "1e309", "-0", "0.5", "1E2", "00", "1.0"];
        data.RemoveRange(s, e - s);
        data.InsertRange(s, System.Text.Encoding.ASCII.GetBytes(numbers[random.Next(numbers.Length)]));
    }
}
