using System;
using System.IO;
using System.Text;

namespace PodBench.Runtime.Results;

/// <summary>
/// Whole-file publication on shared volumes: readers see either no file or the complete file, never a half-written
/// one (write a temporary file in the same folder, flush it to the server, then rename). No locks, so NFS-safe.
/// </summary>
internal static class AtomicFile
{
    /// <summary>
    /// Publishes <paramref name="text"/> at <paramref name="path"/>. Without <paramref name="overwrite"/> an existing
    /// file is kept and false is returned.
    /// </summary>
    public static bool Write(string path, string text, bool overwrite)
    {
        var tmp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            using (var stream = new FileStream(tmp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(Encoding.UTF8.GetBytes(text));
                stream.Flush(flushToDisk: true);
            }

            if (!overwrite && File.Exists(path))
            {
                return false;
            }

            File.Move(tmp, path, overwrite);
            return true;
        }
        catch (IOException) when (!overwrite && File.Exists(path))
        {
            return false;
        }
        finally
        {
            File.Delete(tmp);
        }
    }
}
