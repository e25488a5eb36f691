using System.Text.Json.Serialization;

namespace PodBench.Runtime.Cli.Channel;

/// <summary>
/// One message a runner sends the process that started it, as one JSON line over the channel
/// (<see cref="RunnerChannel"/>; docs/architecture.md). The runner's standard output stays text for people.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(ReadyMessage), "ready")]
[JsonDerivedType(typeof(DiagnosticMessage), "diagnostic")]
[JsonDerivedType(typeof(WroteMessage), "wrote")]
public abstract record ChannelMessage;
