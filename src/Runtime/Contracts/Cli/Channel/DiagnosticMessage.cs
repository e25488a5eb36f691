namespace PodBench.Runtime.Cli.Channel;

/// <summary>
/// An error or warning, in the parts of an MSBuild diagnostic (<c>file(line,col): error CODE: text</c>): the host
/// logs it as one, pointing at the file and line when the runner knows them.
/// </summary>
/// <param name="Severity">Error, warning or failed gate.</param>
/// <param name="Text">The message (secrets already redacted).</param>
public sealed record DiagnosticMessage(DiagnosticSeverity Severity, string Text) : ChannelMessage
{
    /// <summary>The rule id, e.g. <c>PB0016</c>; null when the message has none.</summary>
    public string? Code { get; init; }

    /// <summary>The file at fault (a dataset file, the plan's source); null when none.</summary>
    public string? File { get; init; }

    /// <summary>The 1-based line in <see cref="File"/>; 0 when unknown.</summary>
    public int Line { get; init; }

    /// <summary>The 1-based column in <see cref="File"/>; 0 when unknown.</summary>
    public int Column { get; init; }
}
