using System;
using System.Globalization;

namespace PodBench.Fuzz;

/// <summary>
/// <c>dotnet run -c Release --project tests/Fuzz -- --seconds 60 --target datasets</c>: fuzzes, prints one line per
/// target, writes each finding's input to the findings folder. Exit code 0 without findings, 1 with a crash or
/// broken invariant, 2 with a hang, 64 for bad arguments.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        FuzzOptions options;
        System.Collections.Generic.IReadOnlyList<IFuzzTarget> targets;
        try
        {
            options = FuzzOptions.Parse(args);
            targets = FuzzTargets.Select(options.Target);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine("usage: --seconds N --target NAME [--iterations N] [--seed N] [--timeout-ms N] [--findings DIR]; targets: all, " + string.Join(", ", FuzzTargets.Names));
            return 64;
        }

        var exit = 0;
        var share = options with { Duration = options.Duration / targets.Count };
        foreach (var target in targets)
        {
            var report = FuzzRunner.Run(target, share);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"fuzz {report.Target}: {report.Iterations} inputs ({report.Accepted} accepted) in {report.Elapsed.TotalSeconds:F1} s, seed {report.Seed}, {report.Findings.Count} findings"));
            foreach (var finding in report.Findings)
            {
                Console.WriteLine($"  {finding.Kind}: {finding.Message}");
                exit = Math.Max(exit, finding.Kind == "hang" ? 2 : 1);
            }
        }

        return exit;
    }
}
