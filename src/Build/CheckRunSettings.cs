using Microsoft.Build.Framework;
using PodBench.Runtime.Cli;
using PodBench.Runtime.Cli.Settings;

namespace PodBench.Build;

/// <summary>
/// Reads every run-setting property before anything runs (an error names the property and its bad value), and warns
/// about a global property (<c>-p:</c>) that starts with <c>Benchmark</c> but is no setting, naming the nearest one:
/// a mistyped name would otherwise be ignored without a word.
/// </summary>
public sealed class CheckRunSettings : RunSettingsTask
{
    /// <summary>The warning code of an unknown <c>Benchmark*</c> property (docs/settings.md).</summary>
    public const string UnknownPropertyCode = "PB0100";

    /// <inheritdoc />
    public override bool Execute()
    {
        var file = ProjectFile;
        if (BuildEngine is IBuildEngine6 engine)
        {
            foreach (var (given, nearest) in SettingNames.UnknownProperties(engine.GetGlobalProperties().Keys))
            {
                Log.LogWarning(null, UnknownPropertyCode, null, file, 0, 0, 0, 0,
                    $"{given} is not a PodBench setting and does nothing; did you mean {nearest}? The settings are listed in docs/settings.md.");
            }
        }

        foreach (var setting in RunSettingCatalog.Properties)
        {
            try
            {
                Value(setting);
            }
            catch (UsageException e)
            {
                Log.LogError(null, null, null, file, 0, 0, 0, 0, e.Message);
            }
        }

        return !Log.HasLoggedErrors;
    }
}
