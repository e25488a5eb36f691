using System;
using System.IO;
using PodBench.Runtime.Engine;
using PodBench.Runtime.Merge;
using Xunit;

namespace PodBench.Runtime.Tests.Merge;

/// <summary>A pod manifest reads back as it was written, read delay included.</summary>
public sealed class PodManifestTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("podbench-manifest-").FullName;

    [Fact]
    public void Read_delay_survives_the_round_trip_and_is_null_without_stamps()
    {
        var delay = new LagSummary(1200, 41.5, 300.25, 2500, 12000.5) { P999Us = 7000 };
        var stamped = new PodTaskFiles("m1", "d1", 8, new PodRecordCounts(3, 3, 0), []) { ReadDelay = delay };
        var unstamped = new PodTaskFiles("m2", "d1", 8, new PodRecordCounts(1, 1, 0), []);
        var manifest = PodManifest.Create(_dir, 0, "hash", new PodClock(1000, 1_767_225_600_000_000_000), DateTimeOffset.UnixEpoch, [stamped, unstamped]);
        var path = Path.Combine(_dir, "pod-0.json");
        File.WriteAllText(path, manifest.ToJson());

        Assert.Contains("\"p99_us\": 2500", File.ReadAllText(path), StringComparison.Ordinal);
        var read = PodManifest.Read(path);
        Assert.Equal(delay, read.Tasks[0].ReadDelay);
        Assert.Null(read.Tasks[1].ReadDelay);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
