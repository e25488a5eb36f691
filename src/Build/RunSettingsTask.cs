using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Build.Framework;
using PodBench.Runtime.Cli.Settings;
using PodBench.Runtime.Planning;

namespace PodBench.Build;

/// <summary>
/// A task that takes the run-setting properties (the targets' <c>_PodBenchSetting</c> items: the property's name, its
/// value in <c>Value</c>) and reads them through <see cref="RunSettingCatalog"/> with errors that name them.
/// </summary>
public abstract class RunSettingsTask : Microsoft.Build.Utilities.Task
{
    /// <summary>One item per setting property: the item is the property's name, metadata <c>Value</c> its value.</summary>
    public ITaskItem[] Settings { get; set; } = [];

    /// <summary>The plan project (<c>$(MSBuildProjectFullPath)</c>): the file the settings' diagnostics name.</summary>
    public string ProjectFile { get; set; } = "";

    /// <summary>The text of <paramref name="setting"/>'s property; null when empty or not passed.</summary>
    protected string? Text(RunSetting setting)
    {
        var item = Settings.FirstOrDefault(i => string.Equals(i.ItemSpec, setting.Property, StringComparison.OrdinalIgnoreCase));
        var value = item?.GetMetadata("Value");
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    /// <summary>The value of <paramref name="setting"/>'s property, read as its kind; null when empty.</summary>
    /// <exception cref="Runtime.Cli.UsageException">The value is of the wrong form; the message names the property.</exception>
    protected object? Value(RunSetting setting) => setting.Parse(setting.Property!, Text(setting));

    /// <summary>The overrides of the plan; <paramref name="knownModels"/>, when given, are the abbrs <c>BenchmarkEndpoints</c> may name.</summary>
    /// <exception cref="Runtime.Cli.UsageException">A value is of the wrong form; the message names the property.</exception>
    protected RunSettings ReadSettings(IReadOnlyCollection<string>? knownModels) =>
        RunSettingValues.Read(s => (s.Property!, Text(s)), knownModels);
}
