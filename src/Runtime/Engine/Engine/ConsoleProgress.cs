using System;
using System.Globalization;
using System.IO;

namespace PodBench.Runtime.Engine;

/// <summary>
/// Shows a task's live progress: one line redrawn in place when the output is a terminal, plain lines every few
/// seconds otherwise (CI logs), each with a prefix such as <c>[pod 0] model/dataset</c>. Lines keep coming while
/// requests wait (from the warm-up on) and name the requests stalled and the longest wait.
/// </summary>
public sealed class ConsoleProgress : IProgressSink
{
    private readonly object _gate = new();
    private readonly TextWriter _writer;
    private readonly string _prefix;
    private readonly bool _interactive;
    private readonly TimeSpan _plainInterval;
    private TimeSpan _lastPlain;
    private ProgressStart? _start;
    private int _lastWidth;

    /// <summary>Creates a display.</summary>
    /// <param name="prefix">Put before every line, e.g. <c>[pod 0] model/dataset</c>.</param>
    /// <param name="writer">Where to write; default standard output.</param>
    /// <param name="interactive">
    /// Redraw one line in place; default: true when writing to standard output and it is a terminal (pass false when
    /// several tasks share the console).
    /// </param>
    /// <param name="plainInterval">Seconds between plain lines when not interactive; default 5 s.</param>
    public ConsoleProgress(string prefix, TextWriter? writer = null, bool? interactive = null, TimeSpan? plainInterval = null)
    {
        _prefix = prefix;
        _writer = writer ?? Console.Out;
        _interactive = interactive ?? ((writer is null || ReferenceEquals(writer, Console.Out)) && !Console.IsOutputRedirected);
        _plainInterval = plainInterval ?? TimeSpan.FromSeconds(5);
    }

    /// <inheritdoc />
    public void OnStarted(ProgressStart start)
    {
        lock (_gate)
        {
            EndRedrawnLine();
            _start = start;
            _lastPlain = TimeSpan.Zero;
            var plan = start.PressureTime is { } time
                ? $"pressure for {time.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s"
                : $"{start.PlannedRequests} requests";
            _writer.WriteLine($"{_prefix} started: {plan}, concurrency {start.Concurrency}");
            _writer.Flush();
        }
    }

    /// <inheritdoc />
    public void OnProgress(ProgressSnapshot snapshot) => Show(snapshot, Format);

    /// <inheritdoc />
    public void OnWarmUp(ProgressSnapshot snapshot) => Show(snapshot, FormatWarmUp);

    /// <inheritdoc />
    public void OnFinished(ProgressSnapshot snapshot)
    {
        lock (_gate)
        {
            var line = Format(snapshot) + " (done)";
            if (_interactive)
            {
                var pad = Math.Max(0, _lastWidth - line.Length);
                _writer.WriteLine("\r" + line + new string(' ', pad));
            }
            else
            {
                _writer.WriteLine(line);
            }

            _lastWidth = 0;
            _writer.Flush();
        }
    }

    /// <summary>The text of one progress line.</summary>
    public string Format(ProgressSnapshot s)
    {
        var seconds = Math.Max(s.Elapsed.TotalSeconds, 1e-9);
        var tokens = s.OutputTokens / seconds;
        var of = _start is { PlannedRequests: { } planned } ? "/" + planned.ToString(CultureInfo.InvariantCulture) : "";
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{_prefix} {s.Elapsed.TotalSeconds:0.0} s | sent {s.Sent}{of} | receiving {s.Receiving} | finished {s.Finished} | failed {s.Failed} | {tokens:0.0} tok/s{Stalls(s)}");
    }

    /// <summary>The text of one progress line during the warm-up.</summary>
    public string FormatWarmUp(ProgressSnapshot s) => string.Create(
        CultureInfo.InvariantCulture,
        $"{_prefix} warm-up {s.Elapsed.TotalSeconds:0.0} s | sent {s.Sent} | finished {s.Finished} | failed {s.Failed}{Stalls(s)}");

    private static string Stalls(ProgressSnapshot s) => s.Stalled == 0
        ? ""
        : string.Create(CultureInfo.InvariantCulture, $" | stalled {s.Stalled} (longest wait {s.LongestWait.TotalSeconds:0} s)");

    private void Show(ProgressSnapshot snapshot, Func<ProgressSnapshot, string> format)
    {
        lock (_gate)
        {
            if (_interactive)
            {
                var line = format(snapshot);
                var pad = Math.Max(0, _lastWidth - line.Length);
                _lastWidth = line.Length;
                _writer.Write("\r" + line + new string(' ', pad));
                _writer.Flush();
            }
            else if (snapshot.Elapsed - _lastPlain >= _plainInterval)
            {
                _lastPlain = snapshot.Elapsed;
                _writer.WriteLine(format(snapshot));
                _writer.Flush();
            }
        }
    }

    /// <summary>Ends a line redrawn in place (the warm-up's) before a plain line follows.</summary>
    private void EndRedrawnLine()
    {
        if (_interactive && _lastWidth > 0)
        {
            _writer.WriteLine();
            _lastWidth = 0;
        }
    }
}
