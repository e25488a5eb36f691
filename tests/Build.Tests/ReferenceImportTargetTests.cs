using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using PodBench.Runtime.Tests.Merge.Reference;
using Xunit;

namespace PodBench.Build.Tests;

/// <summary><c>MergeBenchmark -p:BenchmarkImport=a%3Bb</c> through a real MSBuild build: AISBench pod folders merged.</summary>
public sealed class ReferenceImportTargetTests
{
    [Fact]
    public async Task MergeBenchmark_imports_reference_pod_folders_and_merges_them()
    {
        var root = Path.Combine(Path.GetTempPath(), "podbench-import-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var a = new ReferencePodSpec(Path.Combine(root, "a", "20260101_120000"), "vllm-api-stream-chat", "synthetic", 4, true,
                Enumerable.Range(0, 6).Select(i => ReferenceRequest.Streamed(i, 500.0 + (i * 0.03), 0.02, 4, 0.005)).ToList());
            var b = new ReferencePodSpec(Path.Combine(root, "b", "20260101_120001"), "vllm-api-stream-chat", "synthetic", 2, true,
                Enumerable.Range(0, 4).Select(i => i == 2 ? new ReferenceRequest(i, false, "Internal Server Error", []) : ReferenceRequest.Streamed(i, 100500.0 + (i * 0.05), 0.03, 4, 0.006)).ToList());
            await a.WriteAsync();
            await b.WriteAsync();
            var output = Path.Combine(root, "outputs");

            var (exitCode, log) = DotnetCli.Run(
                ["build", RepoPaths.MultiPodProject, "-t:MergeBenchmark", "-nologo", $"-p:BenchmarkOutput={output}", "-p:BenchmarkRun=imported", $"-p:BenchmarkImport={a.Folder}%3B{b.Folder}"],
                RepoPaths.Root);

            Assert.True(exitCode == 0, log);
            Assert.Contains($"import: pod 1 <- {b.Folder}: 4 requests (1 failed)", log, StringComparison.Ordinal);
            using var merged = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "imported", "performances", "merge_results", "merged.json")));
            Assert.Equal(10, merged.RootElement.GetProperty("Total Requests").GetProperty("total").GetInt32());
            Assert.Equal(1, merged.RootElement.GetProperty("Failed Requests").GetProperty("total").GetInt32());
            Assert.Equal(6, merged.RootElement.GetProperty("Max Concurrency").GetProperty("total").GetInt32());
            Assert.True(File.Exists(Path.Combine(output, "imported", "report.html")));

            var missing = Path.Combine(root, "no-such-pod");
            var (badExit, badLog) = DotnetCli.Run(
                ["build", RepoPaths.MultiPodProject, "-t:MergeBenchmark", "-nologo", $"-p:BenchmarkOutput={output}", "-p:BenchmarkRun=bad", $"-p:BenchmarkImport={a.Folder}%3B{missing}"],
                RepoPaths.Root);
            Assert.NotEqual(0, badExit);
            Assert.Contains($"BenchmarkImport: The reference output folder {missing} does not exist.", badLog, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", badLog, StringComparison.Ordinal);
            Assert.False(Directory.Exists(Path.Combine(output, "bad")), "a run folder was written for an import that was refused");
        }
        finally
        {
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
