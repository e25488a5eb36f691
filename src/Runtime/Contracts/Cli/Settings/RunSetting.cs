using System;
using System.Collections.Generic;
using System.Globalization;
using PodBench.Runtime.Planning;

namespace PodBench.Runtime.Cli.Settings;

/// <summary>
/// One run setting, declared once in <see cref="RunSettingCatalog"/>: its MSBuild property, runner option and
/// environment variable, how its text is read, and its line in the settings table (docs/settings.md).
/// </summary>
public sealed class RunSetting
{
    /// <summary>The MSBuild property, e.g. <c>BenchmarkPressureTime</c>; null for an option only the runner has.</summary>
    public string? Property { get; init; }

    /// <summary>The runner option without its dashes, e.g. <c>pressure-time</c>; null when the runner has none.</summary>
    public string? Option { get; init; }

    /// <summary>The environment variable the runner reads when the option is absent (a pod's ConfigMap sets it); null when none.</summary>
    public string? Variable { get; init; }

    /// <summary>How the value is read.</summary>
    public required SettingKind Kind { get; init; }

    /// <summary>The runner verbs that accept <see cref="Option"/>.</summary>
    public IReadOnlyList<string> Verbs { get; init; } = [];

    /// <summary>What applies when the setting is empty, for the table.</summary>
    public string Default { get; init; } = "";

    /// <summary>One line for the table.</summary>
    public required string Doc { get; init; }

    /// <summary>For numbers: what a value is, for the error text (e.g. <c>a positive number of prompts</c>).</summary>
    public string What { get; init; } = "a number";

    /// <summary>
    /// The value may carry a secret (a URL's user:password@): to a child runner it travels in the environment only,
    /// never on a command line that every local user can read (<c>ps</c>).
    /// </summary>
    public bool EnvironmentOnly { get; init; }

    /// <summary>A flag whose variable is written <c>1</c>/<c>0</c> (the engine reads it so).</summary>
    public bool VariableAsDigit { get; init; }

    /// <summary>The member of <see cref="RunSettings"/> this setting fills; null when it is no per-run override of the plan.</summary>
    internal Func<RunSettings, object?>? Get { get; init; }

    /// <summary>Sets the member of <see cref="RunSettings"/> to a value <see cref="Parse"/> returned.</summary>
    internal Func<RunSettings, object, RunSettings>? Set { get; init; }

    /// <summary>True when the setting overrides the plan (it is a member of <see cref="RunSettings"/>).</summary>
    public bool OverridesPlan => Get is not null;

    /// <summary>The option as written on a command line, e.g. <c>--pressure-time</c>.</summary>
    public string? Switch => Option is null ? null : "--" + Option;

    /// <summary>
    /// Reads <paramref name="text"/>; null when it is empty. Errors name <paramref name="label"/> (the property,
    /// option or variable the text came from).
    /// </summary>
    /// <param name="label">The name the user wrote, for errors.</param>
    /// <param name="text">The text.</param>
    /// <param name="models">For <see cref="SettingKind.Endpoints"/>: the abbrs it may name, when known.</param>
    /// <exception cref="UsageException">The text is of the wrong form.</exception>
    public object? Parse(string label, string? text, IReadOnlyCollection<string>? models = null) => Kind switch
    {
        SettingKind.Flag => SettingParser.Flag(label, text),
        SettingKind.Seconds => SettingParser.Seconds(label, text),
        SettingKind.PositiveInt => SettingParser.PositiveInt(label, text, What),
        SettingKind.NonNegativeInt => SettingParser.NonNegativeInt(label, text, What),
        SettingKind.Url => SettingParser.Url(label, text),
        SettingKind.Endpoints => SettingParser.Endpoints(label, text, models) is { Count: > 0 } pairs ? pairs : null,
        _ => string.IsNullOrWhiteSpace(text) ? null : text.Trim(),
    };

    /// <summary>Writes a value <see cref="Parse"/> returned so that it parses back to the same value.</summary>
    public string Format(object value) => value switch
    {
        bool b => b ? "true" : "false",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        IReadOnlyDictionary<string, string> pairs => Cluster.ClusterEnvironment.FormatEndpoints(pairs),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    /// <summary>A value as its <see cref="Variable"/> holds it.</summary>
    public string FormatVariable(object value) => VariableAsDigit && value is bool b ? (b ? "1" : "0") : Format(value);

    /// <inheritdoc />
    public override string ToString() => Property ?? Switch ?? Variable ?? "";
}
