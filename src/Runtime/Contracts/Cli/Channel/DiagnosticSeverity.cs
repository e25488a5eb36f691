using System.Text.Json.Serialization;

namespace PodBench.Runtime.Cli.Channel;

/// <summary>How bad a <see cref="DiagnosticMessage"/> is.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DiagnosticSeverity>))]
public enum DiagnosticSeverity
{
    /// <summary>The step failed (the build fails).</summary>
    Error,

    /// <summary>The step went on; the result may be less than it seems.</summary>
    Warning,

    /// <summary>An SLO gate of the plan did not hold: the host decides whether that fails the build.</summary>
    Gate,
}
