using System;
using System.Globalization;
using System.IO;

namespace PodBench.Runtime.Engine;

/// <summary>
/// Shows a task's live progress: one line redrawn in place when the output is a terminal, plain lines every few
/// seconds otherwise (CI logs), each with a prefix such as <c>[pod 0] model/dataset</c>.
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
    /// <param name="interactive">Redraw one line in place; default: true when standard output is a terminal.</param>
    /// <param name="plainInterval">Seconds between plain lines when not interactive; default 5 s.</param>
    public ConsoleProgress(string prefix, TextWriter? writer = null, bool? interactive = null, TimeSpan? plainInterval = null)
    {
        _prefix = prefix;
        _writer = writer ?? Console.Out;
        _interactive = interactive ?? (writer is null && !Console.IsOutputRedirected);
        _plainInterval = plainInterval ?? TimeSpan.FromSeconds(5);
    }

    /// <inheritdoc />
    public void OnStarted(ProgressStart start)
    {
        lock (_gate)
        {
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
    public void OnProgress(ProgressSnapshot snapshot)
    {
        lock (_gate)
        {
            if (_interactive)
            {
                var line = Format(snapshot);
                var pad = Math.Max(0, _lastWidth - line.Length);
                _lastWidth = line.Length;
                _writer.Write("\r" + line + new string(' ', pad));
                _writer.Flush();
            }
            else if (snapshot.Elapsed - _lastPlain >= _plainInterval)
            {
                _lastPlain = snapshot.Elapsed;
                _writer.WriteLine(Format(snapshot));
                _writer.Flush();
            }
        }
    }

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
            $"{_prefix} {s.Elapsed.TotalSeconds:0.0} s | sent {s.Sent}{of} | receiving {s.Receiving} | finished {s.Finished} | failed {s.Failed} | {tokens:0.0} tok/s");
    }
}
