using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using PodBench.Runtime.Cli;
using PodBench.Runtime.Cli.Settings;
using PodBench.Runtime.Planning;
using PodBench.Runtime.Tests.Cluster;
using Xunit;

namespace PodBench.Runtime.Tests.Cli.Settings;

/// <summary>Everything derived from the one catalog of run settings agrees with it and with each other.</summary>
public sealed class RunSettingCatalogTests
{
    private static readonly RunSettings Full = new()
    {
        Endpoint = "http://user:pw@127.0.0.1:9/v1",
        Endpoints = new Dictionary<string, string> { ["a"] = "http://a:1", ["b"] = "https://u:p@b:2" },
        Pressure = true,
        PressureTime = 2.5,
        MaxWorkers = 3,
        NumPrompts = 7,
        BusyPollMicroseconds = 0,
        ArrivalStamps = false,
    };

    [Fact]
    public void Names_are_unique_and_every_override_has_an_option_and_a_variable()
    {
        AssertUnique(RunSettingCatalog.All.Select(s => s.Property));
        AssertUnique(RunSettingCatalog.All.Select(s => s.Option));
        AssertUnique(RunSettingCatalog.All.Select(s => s.Variable));
        Assert.Equal(9, RunSettingCatalog.Overrides.Count);
        Assert.All(RunSettingCatalog.Overrides, s => Assert.True(s.Property is not null && s.Option is not null && s.Variable is not null, s.ToString()));
        Assert.All(RunSettingCatalog.Properties, s => Assert.StartsWith("Benchmark", s.Property, StringComparison.Ordinal));
        Assert.All(RunSettingCatalog.All, s => Assert.All(s.Verbs, v => Assert.Contains(v, RunSettingCatalog.Verbs)));
    }

    [Fact]
    public void Each_verb_accepts_the_options_the_catalog_gives_it_and_no_other()
    {
        foreach (var setting in RunSettingCatalog.All)
        {
            foreach (var verb in RunSettingCatalog.Verbs)
            {
                var args = new List<string> { verb, setting.Switch! };
                if (setting.Kind != SettingKind.Flag)
                {
                    args.Add(setting.Kind switch { SettingKind.Url => "http://h:1", SettingKind.Endpoints => "a=http://h:1", SettingKind.Seconds => "1.5", _ => "1" });
                }

                if (setting.Verbs.Contains(verb))
                {
                    Assert.NotNull(RunnerArguments.Parse(args).Get(setting.Option!));
                }
                else
                {
                    var error = Assert.Throws<UsageException>(() => RunnerArguments.Parse(args));
                    Assert.Contains("unknown option " + setting.Switch, error.Message, StringComparison.Ordinal);
                }
            }
        }
    }

    [Fact]
    public void The_command_line_and_environment_a_child_gets_read_back_to_the_same_settings_and_no_url_is_an_argument()
    {
        var args = RunnerArguments.Parse(RunnerCommandLine.Run(1, "/out", "r", Full));
        var environment = RunnerCommandLine.Environment(Full);

        var read = RunSettingValues.Read(
            s => args.Get(s.Option!) is { } text ? (s.Switch!, text) : (s.Variable!, environment.GetValueOrDefault(s.Variable!)),
            ["a", "b"]);

        Assert.Equal(Describe(Full), Describe(read));
        Assert.DoesNotContain(RunnerCommandLine.Run(1, "/out", "r", Full), a => a.Contains("http", StringComparison.Ordinal));
        Assert.Equal(["BENCHMARK_ENDPOINT", "BENCHMARK_ENDPOINTS"], environment.Keys.Order());
    }

    [Fact]
    public void The_configmap_variables_read_back_to_the_same_settings_and_unset_ones_are_left_out()
    {
        var variables = RunSettingValues.Variables(Full);
        Assert.Equal("0", variables["PODBENCH_ARRIVAL_STAMPS"]);
        Assert.Equal("2.5", variables["BENCHMARK_PRESSURE_TIME"]);
        Assert.Equal(Describe(Full), Describe(RunSettingValues.FromEnvironment(variables.GetValueOrDefault)));

        Assert.Empty(RunSettingValues.Variables(new RunSettings()));
        var none = RunSettingValues.FromEnvironment(_ => null);
        Assert.Equal(Describe(new RunSettings()), Describe(none));
    }

    [Theory]
    [InlineData("BENCHMARK_PRESSURE", "maybe", "is not true or false")]
    [InlineData("BENCHMARK_PRESSURE_TIME", "-3", "is not a positive number of seconds")]
    [InlineData("BENCHMARK_MAX_WORKERS", "0", "is not a positive number of parallel tasks")]
    [InlineData("BENCHMARK_ENDPOINTS", "a=http://x;a=http://y", "'a' is given twice")]
    [InlineData("BENCHMARK_ENDPOINTS", "nourl", "is not of the form abbr=url")]
    [InlineData("BENCHMARK_ENDPOINT", "localhost:8000", "is not an http:// or https:// URL")]
    public void A_bad_variable_is_named(string name, string value, string problem)
    {
        var error = Assert.Throws<UsageException>(() => RunSettingValues.FromEnvironment(v => v == name ? value : null));
        Assert.StartsWith(name, error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("BenchmarkPressureTme", "BenchmarkPressureTime")]
    [InlineData("BenchmarkEndpiont", "BenchmarkEndpoint")]
    [InlineData("BenchmarkMaxWorker", "BenchmarkMaxWorkers")]
    [InlineData("benchmarknumprompt", "BenchmarkNumPrompts")]
    [InlineData("BenchmarkStorageClas", "BenchmarkStorageClass")]
    public void An_unknown_benchmark_property_is_reported_with_the_nearest_known_one(string given, string nearest)
    {
        var unknown = SettingNames.UnknownProperties([given, "BenchmarkPressure", "benchmarkpressuretime", "Configuration", "OtherThing"]);
        Assert.Equal([(given, nearest)], unknown);
    }

    [Fact]
    public void Edit_distance_counts_insertions_deletions_and_substitutions()
    {
        Assert.Equal(0, SettingNames.Distance("abc", "abc"));
        Assert.Equal(1, SettingNames.Distance("abc", "ab"));
        Assert.Equal(1, SettingNames.Distance("abc", "abxc"));
        Assert.Equal(1, SettingNames.Distance("abc", "abd"));
        Assert.Equal(3, SettingNames.Distance("", "abc"));
    }

    [Fact]
    public void A_pressure_time_without_pressure_mode_says_it_does_nothing()
    {
        static string Name(RunSetting s) => s.Property!;
        var warning = PressureTimeCheck.Warning(new RunSettings { PressureTime = 10 }, planPressure: false, Name);
        Assert.NotNull(warning);
        Assert.StartsWith("BenchmarkPressureTime=10 does nothing", warning, StringComparison.Ordinal);
        Assert.Contains("BenchmarkPressure=true", warning, StringComparison.Ordinal);
        Assert.Contains("BenchmarkPressure is false", PressureTimeCheck.Warning(new RunSettings { PressureTime = 10, Pressure = false }, planPressure: true, Name), StringComparison.Ordinal);

        Assert.Null(PressureTimeCheck.Warning(new RunSettings { PressureTime = 10 }, planPressure: true, Name));
        Assert.Null(PressureTimeCheck.Warning(new RunSettings { PressureTime = 10, Pressure = true }, planPressure: false, Name));
        Assert.Null(PressureTimeCheck.Warning(new RunSettings(), planPressure: false, Name));
    }

    [Fact]
    public void Docs_settings_table_is_the_catalog()
    {
        var docs = File.ReadAllText(Path.Combine(PublishedPlan.RepositoryRoot(), "docs", "settings.md")).ReplaceLineEndings("\n");
        var table = SettingTable.Markdown();
        Assert.True(docs.Contains(table, StringComparison.Ordinal), "docs/settings.md must hold this table, as written by SettingTable.Markdown():\n" + table);
        Assert.All(RunSettingCatalog.All, s => Assert.Contains(s.ToString(), docs, StringComparison.Ordinal));
    }

    [Fact]
    public void The_targets_pass_every_setting_property_once()
    {
        var targets = XDocument.Load(Path.Combine(PublishedPlan.RepositoryRoot(), "src", "Build", "build", "PodBench.targets"));
        var passed = targets.Descendants(targets.Root!.Name.Namespace + "_PodBenchSetting")
            .Select(e => (string?)e.Attribute("Include")).Where(i => i is not null).ToArray();
        AssertUnique(passed);
        Assert.Equal(RunSettingCatalog.Properties.Select(s => s.Property).Order(), passed.Order());
        Assert.All(passed, p => Assert.Contains($"Value=\"$({p})\"", targets.ToString(), StringComparison.Ordinal));
    }

    private static void AssertUnique(IEnumerable<string?> names)
    {
        var present = names.Where(n => n is not null).ToArray();
        Assert.Equal(present.Length, present.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    private static string Describe(RunSettings s) =>
        $"{s.Endpoint}|{string.Join(",", s.Endpoints.OrderBy(p => p.Key).Select(p => p.Key + "=" + p.Value))}|{s.Pressure}|{s.PressureTime}|{s.MaxWorkers}|{s.NumPrompts}|{s.BusyPollMicroseconds}|{s.ArrivalStamps}";
}
