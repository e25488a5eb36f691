using System.IO;
using PodBench.Runtime.Engine;

namespace PodBench.Runtime.Cli.Channel;

/// <summary>
/// How the runner reports errors, warnings, failed gates and written files: as typed messages over its channel when
/// its host gave it one (<see cref="RunnerChannel"/>), else as the text lines a person reads
/// (<c>error: ...</c>, <c>warning: ...</c>, <c>wrote ...</c>). Secrets are redacted either way.
/// </summary>
public static class RunnerDiagnostics
{
    /// <summary>Reports an error.</summary>
    public static void Error(TextWriter output, string text, string? code = null) =>
        Report(output, new DiagnosticMessage(DiagnosticSeverity.Error, UrlSecrets.Redact(text)) { Code = code });

    /// <summary>Reports a warning.</summary>
    public static void Warning(TextWriter output, string text, string? code = null) =>
        Report(output, new DiagnosticMessage(DiagnosticSeverity.Warning, UrlSecrets.Redact(text)) { Code = code });

    /// <summary>Reports an SLO gate of the plan that did not hold.</summary>
    public static void GateFailed(TextWriter output, string gate) =>
        Report(output, new DiagnosticMessage(DiagnosticSeverity.Gate, "SLO gate failed: " + gate));

    /// <summary>Reports a file written for the user.</summary>
    public static void Wrote(TextWriter output, string path)
    {
        if (RunnerChannel.Current?.Send(new WroteMessage(path)) != true)
        {
            output.WriteLine("wrote " + path);
        }
    }

    /// <summary>Reports the report a reader opens; as text, <c>report: path</c>, the runner's last line.</summary>
    public static void ReportWritten(TextWriter output, string path)
    {
        if (RunnerChannel.Current?.Send(new WroteMessage(path) { IsReport = true }) != true)
        {
            output.WriteLine("report: " + path);
        }
    }

    /// <summary>Sends <paramref name="message"/> over the channel, else prints it as a line of text.</summary>
    public static void Report(TextWriter output, DiagnosticMessage message)
    {
        if (RunnerChannel.Current?.Send(message) != true)
        {
            output.WriteLine(Format(message));
        }
    }

    /// <summary>A message as text: <c>error PB0016: ...</c>, <c>warning: ...</c>, <c>file(12): error: ...</c>.</summary>
    public static string Format(DiagnosticMessage message)
    {
        var severity = message.Severity == DiagnosticSeverity.Warning ? "warning" : "error";
        var at = message.File is null ? "" : message.Line > 0 ? $"{message.File}({message.Line}): " : message.File + ": ";
        return $"{at}{severity}{(message.Code is null ? "" : " " + message.Code)}: {message.Text}";
    }
}
