namespace PodBench.Runtime.Cli.Channel;

/// <summary>The runner wrote a result file the user looks for (merged files, reports).</summary>
/// <param name="Path">The file's full path.</param>
public sealed record WroteMessage(string Path) : ChannelMessage;
