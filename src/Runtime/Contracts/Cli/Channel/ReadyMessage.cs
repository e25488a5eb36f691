namespace PodBench.Runtime.Cli.Channel;

/// <summary>The simulated server is listening at <paramref name="Url"/>.</summary>
/// <param name="Url">Its base URL, e.g. <c>http://127.0.0.1:41234</c>.</param>
public sealed record ReadyMessage(string Url) : ChannelMessage;
