using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using PodBench.Dsl;
using PodBench.Runtime.Engine;
using PodBench.Runtime.Simulation;
using PodBench.Runtime.Tests.Engine;
using PodBench.Runtime.Workloads;
using Xunit;

namespace PodBench.Runtime.Tests.Workloads;

public sealed class SharedPrefixDatasetTests
{
    private static IReadOnlyList<PromptRow> Load(SharedPrefixDataset d) => DatasetLoader.Load(d, ModelEndpoint.StreamChat("m"), ".", null, null);

    [Fact]
    public void Each_group_shares_its_prefix_and_every_request_has_its_own_suffix()
    {
        var d = new SharedPrefixDataset("sp") { Groups = 3, RequestsPerGroup = 4, PrefixLen = 50, SuffixLen = 6, OutputLen = 16 };
        var rows = Load(d);
        Assert.Equal(12, rows.Count);
        Assert.All(rows, r => Assert.Equal(56, r.Prompt.Split(' ').Length));
        Assert.All(rows, r => Assert.Equal(16, r.MaxTokens));
        Assert.Equal(Enumerable.Range(0, 12).Select(i => (long)i), rows.Select(r => r.Id));
        var prefixes = rows.Select(r => string.Join(' ', r.Prompt.Split(' ').Take(50))).ToList();
        Assert.Equal(["g0-r0", "g0-r1", "g0-r2", "g0-r3", "g1-r0"], rows.Take(5).Select(r => r.DataId));
        Assert.Equal(3, prefixes.Distinct().Count());
        Assert.All(rows.GroupBy(r => r.DataId![..2]), g => Assert.Single(g.Select(r => prefixes[(int)r.Id]).Distinct()));
        Assert.Equal(12, rows.Select(r => string.Join(' ', r.Prompt.Split(' ').Skip(50))).Distinct().Count());
        Assert.Equal(rows, Load(d));
        Assert.NotEqual(rows.Select(r => r.Prompt), Load(d with { Seed = 7 }).Select(r => r.Prompt));
    }

    [Fact]
    public void Interleaved_order_takes_one_request_of_each_group_in_turn_with_the_same_prompts()
    {
        var d = new SharedPrefixDataset("sp") { Groups = 3, RequestsPerGroup = 2, PrefixLen = 10, SuffixLen = 3 };
        var grouped = Load(d);
        var interleaved = Load(d with { Order = SharedPrefixOrder.Interleaved });
        Assert.Equal(["g0-r0", "g1-r0", "g2-r0", "g0-r1", "g1-r1", "g2-r1"], interleaved.Select(r => r.DataId));
        Assert.Equal(grouped.ToDictionary(r => r.DataId!, r => r.Prompt), interleaved.ToDictionary(r => r.DataId!, r => r.Prompt));
    }

    [Theory]
    [InlineData(0, 1, "dataset \"sp\": Groups must be in 1..1048576, got 0")]
    [InlineData(2048, 1024, "dataset \"sp\": Groups x RequestsPerGroup is 2097152, more than 1048576 requests")]
    public void Bad_sizes_are_refused(int groups, int perGroup, string expected)
    {
        var e = Assert.Throws<DatasetException>(() => Load(new SharedPrefixDataset("sp") { Groups = groups, RequestsPerGroup = perGroup, PrefixLen = 1, SuffixLen = 1 }));
        Assert.Equal(expected, e.Message);
    }

    [Fact]
    public async Task A_shared_prefix_plan_sends_its_groups_in_order_to_the_simulator_without_a_repeat_warning()
    {
        await using var server = await SimulatorServer.StartAsync(EngineSimulatorTests.Quick);
        var dir = Path.Combine(Path.GetTempPath(), "podbench-prefix-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var dataset = new SharedPrefixDataset("sp") { Groups = 2, RequestsPerGroup = 3, PrefixLen = 40, SuffixLen = 5, OutputLen = 4 };
            var (exit, console) = OnePodRun.Run(server.BaseUrl.ToString(), dataset, dir, "r", concurrency: 1);
            Assert.True(exit == 0, console);
            Assert.DoesNotContain("repeat a prompt", console, StringComparison.Ordinal);
            var details = File.ReadAllLines(Path.Combine(dir, "r", "performances", "m", "sp_details.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).ToList();
            Assert.Equal(6, details.Count);
            Assert.All(details, d => Assert.True(d.GetProperty("success").GetBoolean()));
            var byGroup = details.GroupBy(d => d.GetProperty("data_id").GetString()![..2]).ToList();
            Assert.Equal(2, byGroup.Count);
            Assert.All(byGroup, g => Assert.Single(g.Select(d => string.Join(' ', d.GetProperty("input").GetString()!.Split(' ').Take(40))).Distinct()));
        }
        finally
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }
}
