using PodBench.Runtime.Cli;
using PodBench.Runtime.Planning;
using Xunit;

namespace PodBench.Runtime.Tests.Cli;

/// <summary>What MSBuild and the manifests pass to a pod's runner is what the runner accepts and reads back.</summary>
public sealed class RunnerCommandLineTests
{
    [Theory]
    [InlineData(false, "false")]
    [InlineData(true, "true")]
    public void The_socket_settings_reach_the_runner(bool stamps, string text)
    {
        var settings = new RunSettings { BusyPollMicroseconds = 1500, ArrivalStamps = stamps };

        var args = RunnerArguments.Parse(RunnerCommandLine.Run(1, "/out", "r1", settings));

        Assert.Equal("run", args.Verb);
        Assert.Equal("1500", args.Get("busy-poll-us"));
        Assert.Equal(text, args.Get("arrival-stamps"));
        Assert.Equal(stamps, SettingParser.Flag("--arrival-stamps", args.Get("arrival-stamps")));
    }

    [Fact]
    public void Unset_socket_settings_pass_nothing()
    {
        var args = RunnerArguments.Parse(RunnerCommandLine.Run(0, "/out", "r1", new RunSettings()));

        Assert.Null(args.Get("busy-poll-us"));
        Assert.Null(args.Get("arrival-stamps"));
    }

    [Fact]
    public void Endpoints_travel_in_the_environment_never_on_the_command_line()
    {
        var settings = new RunSettings
        {
            Endpoint = "http://user:pw@127.0.0.1:9",
            Endpoints = new System.Collections.Generic.Dictionary<string, string> { ["m"] = "http://u:p@h:1" },
        };

        var args = RunnerCommandLine.Run(0, "/out", "r1", settings);
        var environment = RunnerCommandLine.Environment(settings);

        Assert.DoesNotContain(args, a => a.Contains("pw", System.StringComparison.Ordinal) || a.Contains("u:p@", System.StringComparison.Ordinal));
        var read = PodBench.Runtime.Cli.Settings.RunSettingValues.FromEnvironment(name => environment.TryGetValue(name, out var v) ? v : null);
        Assert.Equal(settings.Endpoint, read.Endpoint);
        Assert.Equal("http://u:p@h:1", read.Endpoints["m"]);

        var none = RunnerCommandLine.Environment(new RunSettings());
        Assert.All(none.Values, v => Assert.Equal("", v));
    }
}
