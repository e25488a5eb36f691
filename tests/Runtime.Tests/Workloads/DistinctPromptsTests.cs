using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using PodBench.Dsl;
using PodBench.Runtime.Merge;
using PodBench.Runtime.Simulation;
using PodBench.Runtime.Tests.Engine;
using PodBench.Runtime.Workloads;
using Xunit;

namespace PodBench.Runtime.Tests.Workloads;

/// <summary><see cref="SyntheticDataset.DistinctPrompts"/>, and the warning when a plan sends identical prompts.</summary>
public sealed class DistinctPromptsTests : IDisposable
{
    private static readonly ModelEndpoint Model = ModelEndpoint.StreamChat("m");
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "podbench-distinct-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    private static IReadOnlyList<string> Prompts(bool distinct, string run) =>
        DatasetLoader.Load(new SyntheticDataset("syn") { RequestCount = 50, Input = Length.Uniform(3, 5), DistinctPrompts = distinct }, Model, ".", null, null, null, run).Select(r => r.Prompt).ToList();

    [Fact]
    public void Distinct_prompts_differ_per_request_and_per_run_and_keep_their_word_count()
    {
        var reference = Prompts(false, "r1");
        var salted = Prompts(true, "r1");
        Assert.True(reference.Distinct().Count() <= 3, "the reference's prompts repeat: one per length");
        Assert.Equal(50, salted.Distinct().Count());
        Assert.Equal(50, salted.Select(p => p.Split(' ')[0]).Distinct().Count());
        Assert.Equal(reference.Select(p => p.Split(' ').Length), salted.Select(p => p.Split(' ').Length));
        Assert.All(salted.Zip(reference), pair => Assert.Equal(pair.Second[1..], pair.First[8..]));
        Assert.Equal(salted, Prompts(true, "r1"));
        Assert.Empty(salted.Intersect(Prompts(true, "r2")));
    }

    [Fact]
    public async Task A_run_of_distinct_prompts_sends_each_once_and_a_run_of_the_reference_prompts_is_warned_in_console_and_merge()
    {
        await using var server = await SimulatorServer.StartAsync(EngineSimulatorTests.Quick);
        var distinct = Run(server, true, "distinct");
        Assert.True(distinct.Exit == 0, distinct.Console);
        Assert.DoesNotContain("repeat a prompt", distinct.Console, StringComparison.Ordinal);
        var inputs = File.ReadAllLines(Path.Combine(_dir, "distinct", "performances", "m", "syn_details.jsonl"))
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("input").GetString()!).ToList();
        Assert.Equal(6, inputs.Count);
        Assert.Equal(6, inputs.Distinct().Count());
        Assert.All(inputs, i => Assert.Equal(20, i.Split(' ').Length));
        Assert.Equal(6, server.Stats.GetRequests().Count);

        var same = Run(server, false, "same");
        Assert.True(same.Exit == 0, same.Console);
        Assert.Contains("warning: [m x syn] 5 of 6 requests of dataset \"syn\" repeat a prompt sent before", same.Console, StringComparison.Ordinal);
        var merged = RunMerger.Merge(new MergeOptions { RunDirectory = Path.Combine(_dir, "same") });
        Assert.Contains(merged.Merged.Notes, n => n.StartsWith("WARNING: 5 requests of dataset \"syn\" repeat a prompt sent before", StringComparison.Ordinal));
        var clean = RunMerger.Merge(new MergeOptions { RunDirectory = Path.Combine(_dir, "distinct") });
        Assert.DoesNotContain(clean.Merged.Notes, n => n.Contains("repeat a prompt", StringComparison.Ordinal));
    }

    private (int Exit, string Console) Run(SimulatorServer server, bool distinct, string run) =>
        OnePodRun.Run(server.BaseUrl.ToString(), new SyntheticDataset("syn") { RequestCount = 6, Input = Length.Fixed(20), Output = Length.Fixed(4), DistinctPrompts = distinct }, _dir, run);
}
