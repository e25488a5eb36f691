using System;
using System.Buffers.Binary;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.RegularExpressions;

namespace PodBench.Runtime.Results.Reference;

/// <summary>
/// The NumPy <c>.npy</c> format of a 1-D float64 array, as <c>np.save(buf, arr, allow_pickle=False)</c> writes it:
/// the magic <c>\x93NUMPY</c>, version 1.0, a little-endian uint16 header length, the header dict (keys sorted,
/// 21 spare spaces minus the digits of the length for in-place growth, space padding to a 64-byte boundary and a
/// newline), then the values little-endian.
/// </summary>
internal static partial class NpyFloat64
{
    private const int Align = 64;
    private const int GrowthDigits = 21;
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>The <c>.npy</c> bytes of <paramref name="values"/>.</summary>
    public static byte[] Encode(ReadOnlySpan<double> values)
    {
        var length = values.Length.ToString(CultureInfo.InvariantCulture);
        var dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (" + length + ",), }" + new string(' ', Math.Max(0, GrowthDigits - length.Length));
        var headerWithNewline = dict.Length + 1;
        var pad = Align - ((Magic.Length + 2 + 2 + headerWithNewline) % Align);
        var headerLength = headerWithNewline + pad;
        var bytes = new byte[Magic.Length + 2 + 2 + headerLength + (values.Length * sizeof(double))];
        Magic.CopyTo(bytes, 0);
        bytes[6] = 1;
        bytes[7] = 0;
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), checked((ushort)headerLength));
        var at = 10 + Encoding.ASCII.GetBytes(dict, bytes.AsSpan(10));
        bytes.AsSpan(at, pad).Fill((byte)' ');
        at += pad;
        bytes[at++] = (byte)'\n';
        foreach (var v in values)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(at), v);
            at += sizeof(double);
        }

        return bytes;
    }

    /// <summary>
    /// Reads a 1-D little-endian float64 <c>.npy</c> array (format versions 1, 2 and 3); throws
    /// <see cref="InvalidDataException"/> naming <paramref name="what"/> for anything else.
    /// </summary>
    public static double[] Decode(ReadOnlySpan<byte> bytes, string what)
    {
        if (bytes.Length < 10 || !bytes[..6].SequenceEqual(Magic))
        {
            throw new InvalidDataException($"{what}: not a NumPy .npy array (no \\x93NUMPY magic).");
        }

        var major = bytes[6];
        int headerLength, start;
        switch (major)
        {
            case 1:
                headerLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes[8..]);
                start = 10;
                break;
            case 2 or 3 when bytes.Length >= 12:
                headerLength = checked((int)BinaryPrimitives.ReadUInt32LittleEndian(bytes[8..]));
                start = 12;
                break;
            default:
                throw new InvalidDataException($"{what}: .npy format version {major} is not supported (1, 2 or 3 are).");
        }

        if (bytes.Length < start + headerLength)
        {
            throw new InvalidDataException($"{what}: the .npy header is cut short ({bytes.Length} bytes).");
        }

        var header = (major == 3 ? Encoding.UTF8 : Encoding.Latin1).GetString(bytes.Slice(start, headerLength));
        var descr = DescrPattern().Match(header);
        var order = FortranPattern().Match(header);
        var shape = ShapePattern().Match(header);
        if (!descr.Success || !shape.Success || (order.Success && order.Groups[1].Value == "True"))
        {
            throw new InvalidDataException($"{what}: the .npy header {header.Trim()} is not that of a 1-D array.");
        }

        var littleEndian = descr.Groups[1].Value is "<" || (descr.Groups[1].Value is "=" or "|" && BitConverter.IsLittleEndian);
        if (descr.Groups[2].Value != "f8" || !littleEndian)
        {
            throw new InvalidDataException($"{what}: the array's dtype is '{descr.Groups[1].Value}{descr.Groups[2].Value}', not float64 little-endian ('<f8') as the reference writes time points.");
        }

        var count = long.Parse(shape.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture);
        var data = bytes[(start + headerLength)..];
        if (data.Length != count * sizeof(double))
        {
            throw new InvalidDataException($"{what}: the .npy header says {count} values, but {data.Length} data bytes follow.");
        }

        var values = new double[count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = BinaryPrimitives.ReadDoubleLittleEndian(data[(i * sizeof(double))..]);
        }

        return values;
    }

    [GeneratedRegex(@"'descr'\s*:\s*'([<>=|])([a-z]\d+)'")]
    private static partial Regex DescrPattern();

    [GeneratedRegex(@"'fortran_order'\s*:\s*(True|False)")]
    private static partial Regex FortranPattern();

    [GeneratedRegex(@"'shape'\s*:\s*\(\s*(\d+)\s*,\s*\)")]
    private static partial Regex ShapePattern();
}
