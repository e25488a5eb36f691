namespace PodBench.Runtime.Cli.Settings;

/// <summary>How a run setting's text is read (see <see cref="RunSetting.Parse"/>).</summary>
public enum SettingKind
{
    /// <summary>Any text (a name, a size).</summary>
    Text,

    /// <summary>A file or folder path.</summary>
    Path,

    /// <summary>true/false (also 1/0, yes/no, on/off); as a runner option the value may be left out (true).</summary>
    Flag,

    /// <summary>A positive number of seconds.</summary>
    Seconds,

    /// <summary>A whole number of at least 1.</summary>
    PositiveInt,

    /// <summary>A whole number of at least 0.</summary>
    NonNegativeInt,

    /// <summary>An absolute http(s) URL.</summary>
    Url,

    /// <summary><c>abbr=url</c> pairs separated by <c>;</c>.</summary>
    Endpoints,
}
