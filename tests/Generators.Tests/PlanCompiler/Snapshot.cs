using System;
using System.IO;
using Xunit;

namespace PodBench.Generators.Tests.PlanCompiler;

/// <summary>
/// Compares text with a committed <c>Snapshots/NAME.verified.cs</c>. On a mismatch it writes <c>NAME.received.cs</c>
/// beside it and fails; with <c>PODBENCH_ACCEPT_SNAPSHOTS=1</c> it accepts the new text instead.
/// </summary>
internal static class Snapshot
{
    public static void Verify(string name, string actual)
    {
        var folder = Path.Combine(TestHelpers.RepositoryRoot(), "tests", "Generators.Tests", "Snapshots");
        var verified = Path.Combine(folder, name + ".verified.cs");
        var received = Path.Combine(folder, name + ".received.cs");
        actual = actual.Replace("\r\n", "\n");
        if (Environment.GetEnvironmentVariable("PODBENCH_ACCEPT_SNAPSHOTS") == "1")
        {
            File.WriteAllText(verified, actual);
            File.Delete(received);
            return;
        }

        var expected = File.Exists(verified) ? File.ReadAllText(verified).Replace("\r\n", "\n") : null;
        if (expected == actual)
        {
            File.Delete(received);
            return;
        }

        File.WriteAllText(received, actual);
        Assert.Fail(expected is null
            ? $"No snapshot {verified}; wrote {received}. Review it and run with PODBENCH_ACCEPT_SNAPSHOTS=1 to accept."
            : $"{name} differs from {verified}; wrote {received}. Review the difference and run with PODBENCH_ACCEPT_SNAPSHOTS=1 to accept.");
    }
}
