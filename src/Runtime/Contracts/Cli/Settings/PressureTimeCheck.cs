using System;
using PodBench.Runtime.Planning;

namespace PodBench.Runtime.Cli.Settings;

/// <summary>A pressure time given while pressure mode stays off does nothing; this says so instead of ignoring it.</summary>
public static class PressureTimeCheck
{
    /// <summary>The warning code (docs/settings.md).</summary>
    public const string Code = "PB0101";

    /// <summary>
    /// The warning when <paramref name="settings"/> give a pressure time but pressure mode is off (neither the settings
    /// nor <paramref name="planPressure"/> turn it on); null when there is nothing to say. <paramref name="name"/>
    /// names a setting as the user wrote it (its MSBuild property or its option).
    /// </summary>
    public static string? Warning(RunSettings settings, bool planPressure, Func<RunSetting, string> name)
    {
        if (settings.PressureTime is not { } seconds || (settings.Pressure ?? planPressure))
        {
            return null;
        }

        var time = RunSettingCatalog.PressureTime.Format(seconds);
        return $"{name(RunSettingCatalog.PressureTime)}={time} does nothing: it is the length of pressure mode, and pressure mode is off "
            + $"({(settings.Pressure is null ? "the plan's Run.Pressure is false" : name(RunSettingCatalog.Pressure) + " is false")}). "
            + $"Set {name(RunSettingCatalog.Pressure)}=true to keep every connection sending for {time} s, or leave {name(RunSettingCatalog.PressureTime)} out.";
    }
}
