using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using PodBench.Runtime.Cli.Channel;
using PodBench.Runtime.Engine;

namespace PodBench.Build.Tasks;

/// <summary>Logs a runner's channel messages as MSBuild diagnostics (<c>file(line,col): error CODE: text</c>).</summary>
internal static class ChannelLog
{
    /// <summary>
    /// Logs <paramref name="message"/>: an error, a warning, a failed gate (an error when <paramref name="gatesFail"/>,
    /// else a warning) or a written file, its text after <paramref name="prefix"/>, at the runner's file and line, else at
    /// <paramref name="file"/> (e.g. the plan project); written files at <paramref name="wrote"/>. Ready messages and the
    /// report's path (the caller names it last) are not logged.
    /// </summary>
    public static void Log(TaskLoggingHelper log, ChannelMessage message, string prefix = "", bool gatesFail = true, string? file = null, MessageImportance wrote = MessageImportance.High)
    {
        switch (message)
        {
            case DiagnosticMessage d when d.Severity == DiagnosticSeverity.Error || (d.Severity == DiagnosticSeverity.Gate && gatesFail):
                log.LogError(null, d.Code, null, d.File ?? file, d.Line, d.Column, 0, 0, prefix + UrlSecrets.Redact(d.Text));
                break;
            case DiagnosticMessage d:
                log.LogWarning(null, d.Code, null, d.File ?? file, d.Line, d.Column, 0, 0, prefix + UrlSecrets.Redact(d.Text));
                break;
            case WroteMessage { IsReport: false } w:
                log.LogMessage(wrote, "PodBench wrote " + w.Path);
                break;
        }
    }
}
