using System;
using System.Globalization;

namespace PodBench.Fuzz;

/// <summary>How long and how to fuzz: <c>--seconds N --target NAME [--iterations N] [--seed N] [--timeout-ms N] [--findings DIR]</c>.</summary>
public sealed record FuzzOptions
{
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(60);

    public long? Iterations { get; init; }

    public string Target { get; init; } = "all";

    public int Seed { get; init; } = Environment.TickCount;

    public TimeSpan PerInputTimeout { get; init; } = TimeSpan.FromSeconds(2);

    public string? FindingsFolder { get; init; } = "artifacts/fuzz-findings";

    public int MaxInputBytes { get; init; } = 64 * 1024;

    public static FuzzOptions Parse(string[] args)
    {
        var options = new FuzzOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            options = args[i] switch
            {
                "--seconds" => options with { Duration = TimeSpan.FromSeconds(double.Parse(Value(), CultureInfo.InvariantCulture)) },
                "--iterations" => options with { Iterations = long.Parse(Value(), CultureInfo.InvariantCulture) },
                "--target" => options with { Target = Value() },
                "--seed" => options with { Seed = int.Parse(Value(), CultureInfo.InvariantCulture) },
                "--timeout-ms" => options with { PerInputTimeout = TimeSpan.FromMilliseconds(double.Parse(Value(), CultureInfo.InvariantCulture)) },
                "--findings" => options with { FindingsFolder = Value() },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
        }

        return options;
    }
}
