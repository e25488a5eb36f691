namespace PodBench.Runtime.Cli.Channel;

/// <summary>The runner wrote a result file the user looks for (merged files, reports).</summary>
/// <param name="Path">The file's full path.</param>
public sealed record WroteMessage(string Path) : ChannelMessage
{
    /// <summary>The report a reader opens (<c>report.html</c>): the host names it last.</summary>
    public bool IsReport { get; init; }
}
