using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using PodBench.Dsl;

namespace PodBench.LoadCeiling;

/// <summary>
/// The end-to-end case of issue 18: per level, the engine alone (in this process, records counted, not written) and
/// then the real runner process (<c>dotnet tests/SpeedPlans/&lt;plan&gt;.dll run --pod 0</c>: rows, warm-up, the
/// records written, the steps after the load) against the same external Node server (tests/LoadServer), in the same
/// minutes, printed side by side: µs of CPU per content chunk (64 per response) under load and for the whole process,
/// req/s, and for the paced level the send lag p99.
/// <c>dotnet run -c Release --project tests/LoadCeiling -- --kind command [--levels 64,512,paced] [--requests 20000]
/// [--configuration Debug]</c>; the plans are built first (as scripts/measure-speed.sh does).
/// </summary>
internal static partial class CommandCase
{
    private const int Chunks = 64;

    public static async Task<int> RunAsync(Dictionary<string, string> options)
    {
        var requests = Program.Int(options, "requests", 20_000);
        var configuration = options.GetValueOrDefault("configuration", "Debug");
        var levels = options.GetValueOrDefault("levels", "64,512,paced").Split(',', StringSplitOptions.RemoveEmptyEntries);
        var root = RepositoryRoot();
        var plans = levels.Select(level => PlanDll(root, level, configuration)).ToArray();
        Console.WriteLine($"load ceiling, end to end: the engine alone (this process) and the runner process (dotnet <plan>.dll run --pod 0) against tests/LoadServer (Node, {Chunks} chunks per response, one write), {requests} requests each; {Environment.ProcessorCount} cores; .NET {Environment.Version}; load average {SoakRun.LoadAverage()}");
        var rows = new List<string>();
        using var server = ServerProcess.StartNode(root, Chunks);
        await Program.RunCaseAsync(server, "warm-up", 50, Chunks, RunOptions.Default.WithPressure(2), null, print: false);
        Console.WriteLine(CaseResult.Header);
        for (var i = 0; i < levels.Length; i++)
        {
            var paced = levels[i] == "paced";
            var concurrency = paced ? 1000 : int.Parse(levels[i], CultureInfo.InvariantCulture);
            var engine = await Program.RunCaseAsync(server, paced ? "engine paced 1000/s" : $"engine c={concurrency}", concurrency, Chunks, RunOptions.Default with { NumPrompts = requests }, paced ? 1000 : null);
            var chunks = (double)engine.Outcome.Succeeded * Chunks;
            rows.Add(Row($"engine alone, {levels[i]}", engine.Outcome.Succeeded / engine.Seconds, engine.ClientCpu.TotalMicroseconds / chunks, null, "-", paced ? engine.Outcome.SendLag.P99Us / 1000 : null));
            rows.Add(RunRunner(plans[i], server.BaseUrl, levels[i], requests, paced));
        }

        Console.WriteLine();
        Console.WriteLine($"| case | req/s | µs CPU/chunk under load | µs CPU/chunk whole process | CPU s before / under / after | send lag p99 ms |");
        Console.WriteLine("|---|---|---|---|---|---|");
        rows.ForEach(Console.WriteLine);
        Console.WriteLine($"load average at the end {SoakRun.LoadAverage()}");
        return 0;
    }

    private static string RunRunner(string dll, Uri url, string level, int requests, bool paced)
    {
        var output = Path.Combine(Path.GetTempPath(), "podbench-ceiling-" + Guid.NewGuid().ToString("N"));
        try
        {
            var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var arg in new[] { dll, "run", "--pod", "0", "--output", output, "--endpoint", url.ToString(), "--num-prompts", requests.ToString(CultureInfo.InvariantCulture) })
            {
                info.ArgumentList.Add(arg);
            }

            using var process = Process.Start(info) ?? throw new InvalidOperationException("cannot start dotnet");
            var error = process.StandardError.ReadToEndAsync();
            var text = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            text += error.Result;
            var cpu = CpuLine().Match(text);
            if (process.ExitCode != 0 || !cpu.Success)
            {
                throw new InvalidOperationException($"the runner ({dll}) exited with {process.ExitCode} without its CPU line:\n{text[Math.Max(0, text.Length - 3000)..]}");
            }

            double Group(string name) => double.Parse(cpu.Groups[name].Value, CultureInfo.InvariantCulture);
            var chunks = (double)requests * Chunks;
            var (before, under, after) = (Group("before"), Group("under"), Group("after"));
            double? lag = paced ? SendLagP99(output) : null;
            var split = string.Create(CultureInfo.InvariantCulture, $"{before:0.00} / {under:0.00} / {after:0.00}");
            return Row($"runner process, {level}", requests / Group("underWall"), under * 1e6 / chunks, (before + under + after) * 1e6 / chunks, split, lag);
        }
        finally
        {
            if (Directory.Exists(output))
            {
                Directory.Delete(output, true);
            }
        }
    }

    private static string Row(string name, double rps, double underLoad, double? whole, string split, double? lagMs) => string.Create(
        CultureInfo.InvariantCulture,
        $"| {name} | {rps:N0} | {underLoad:0.00} | {(whole is { } w ? w.ToString("0.00", CultureInfo.InvariantCulture) : "-")} | {split} | {(lagMs is { } l ? l.ToString("0.###", CultureInfo.InvariantCulture) : "-")} |");

    /// <summary>The pod's own task summary (JSON) holds the send lag p99 of its paced task.</summary>
    private static double? SendLagP99(string output)
    {
        foreach (var file in Directory.EnumerateFiles(output, "*.json", SearchOption.AllDirectories))
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(file));
            if (Find(doc.RootElement) is { } value)
            {
                return value;
            }
        }

        return null;
    }

    private static double? Find(JsonElement e)
    {
        if (e.ValueKind == JsonValueKind.Object)
        {
            if (e.TryGetProperty("key", out var key) && key.ValueKind == JsonValueKind.String && key.GetString() == "Send Lag P99" && e.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.Number)
            {
                return value.GetDouble();
            }

            return e.EnumerateObject().Select(p => Find(p.Value)).FirstOrDefault(v => v is not null);
        }

        return e.ValueKind == JsonValueKind.Array ? e.EnumerateArray().Select(Find).FirstOrDefault(v => v is not null) : null;
    }

    /// <summary>Builds the level's plan (tests/SpeedPlans, up to date after the first time) and returns its assembly.</summary>
    private static string PlanDll(string root, string level, string configuration)
    {
        var name = level == "paced" ? "Paced1000" : "Streams" + level;
        var project = Path.Combine(root, "tests", "SpeedPlans", name);
        if (!Directory.Exists(project))
        {
            throw new ArgumentException($"--levels: no plan {project} for level '{level}' (64, 512 and paced have one)");
        }

        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in new[] { "build", project, "-c", configuration, "-v:q", "-nologo" })
        {
            info.ArgumentList.Add(arg);
        }

        using var build = Process.Start(info) ?? throw new InvalidOperationException("cannot start dotnet build");
        var log = build.StandardOutput.ReadToEnd();
        build.WaitForExit();
        if (build.ExitCode != 0)
        {
            throw new InvalidOperationException($"building {project} failed:\n{log}");
        }

        return Path.Combine(project, "bin", configuration, "net10.0", name + ".dll");
    }

    /// <summary>The repository: the first folder above this program that holds Dsl.sln (not the source path, which CI maps to /_/).</summary>
    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Dsl.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no Dsl.sln above {AppContext.BaseDirectory}");
    }

    [GeneratedRegex(@"CPU s \(wall s\): (?<before>[0-9.]+) \([0-9.]+\) before the first request, (?<under>[0-9.]+) \((?<underWall>[0-9.]+)\) under load, (?<after>[0-9.]+) \([0-9.]+\) after")]
    private static partial Regex CpuLine();
}
