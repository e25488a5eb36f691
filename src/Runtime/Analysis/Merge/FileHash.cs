using System;
using System.IO;
using System.Security.Cryptography;

namespace PodBench.Runtime.Merge;

/// <summary>Checksums of published files.</summary>
internal static class FileHash
{
    public static string Sha256Hex(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
