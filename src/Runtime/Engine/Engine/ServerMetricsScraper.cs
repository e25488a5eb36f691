using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using PodBench.Runtime.Results;

namespace PodBench.Runtime.Engine;

/// <summary>
/// Scrapes servers' Prometheus endpoints every interval while a pod runs and appends every counter, gauge and untyped
/// sample to the pod's JSONL file (<see cref="ServerMetricsFiles"/>), stamped on the pod's UTC axis like its records
/// (the midpoint of the scrape's request and answer, through the pod's clock anchor). It never disturbs the load: its
/// own HttpClient with one connection per server, each scrape bounded by the interval (at least 1 s, at most 10 s; a tick that finds the last scrape still running is skipped), and a failure is
/// a warning (the first per server, then a count at the end), never an error.
/// </summary>
public sealed class ServerMetricsScraper : IAsyncDisposable
{
    private static readonly TimeSpan MinTimeout = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxTimeout = TimeSpan.FromSeconds(10);
    private readonly IReadOnlyList<ScrapeTarget> _targets;
    private readonly TimeSpan _interval;
    private readonly int _pod;
    private readonly PodClock _clock;
    private readonly Action<string> _warn;
    private readonly AppendOnlyFile _file;
    private readonly List<(HttpClient Client, SocketsHttpHandler Handler)> _clients = [];
    private readonly long[] _failures;
    private readonly long[] _successes;
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;

    /// <summary>Opens <paramref name="path"/> for appending; <see cref="Start"/> begins scraping.</summary>
    /// <param name="targets">The endpoints, one client each.</param>
    /// <param name="interval">Time between two scrapes.</param>
    /// <param name="path">The pod's samples file.</param>
    /// <param name="pod">The pod's index, written on each sample.</param>
    /// <param name="clock">The pod's clock, so samples share the records' axis.</param>
    /// <param name="warn">Receives a warning text (no secret in it).</param>
    public ServerMetricsScraper(IReadOnlyList<ScrapeTarget> targets, TimeSpan interval, string path, int pod, PodClock clock, Action<string> warn)
    {
        ArgumentNullException.ThrowIfNull(targets);
        if (interval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(interval), interval, "The scrape interval must be more than zero.");
        }

        _targets = targets;
        _interval = interval;
        _pod = pod;
        _clock = clock;
        _warn = warn;
        _failures = new long[targets.Count];
        _successes = new long[targets.Count];
        _file = new AppendOnlyFile(path);
        var timeout = interval < MinTimeout ? MinTimeout : interval > MaxTimeout ? MaxTimeout : interval;
        foreach (var target in targets)
        {
            var handler = HttpHandlerFactory.Create(target.Tls, target.Url, 1);
            handler.ConnectTimeout = timeout;
            _clients.Add((new HttpClient(handler, disposeHandler: false) { Timeout = timeout }, handler));
        }
    }

    /// <summary>Scrapes that succeeded, per target in the order given.</summary>
    public IReadOnlyList<long> Successes => _successes;

    /// <summary>Scrapes that failed, per target in the order given.</summary>
    public IReadOnlyList<long> Failures => _failures;

    /// <summary>Starts the loop: one scrape now, then one per interval.</summary>
    public void Start() => _loop ??= Task.Run(LoopAsync);

    /// <summary>Stops the loop after one last scrape (the state at the load's end), and warns with the count of failed scrapes.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_loop is not null)
        {
            await _stop.CancelAsync().ConfigureAwait(false);
            await _loop.ConfigureAwait(false);
            await ScrapeAllAsync(CancellationToken.None).ConfigureAwait(false);
        }

        for (var i = 0; i < _targets.Count; i++)
        {
            if (_failures[i] > 1)
            {
                _warn($"pod {_pod}: {_failures[i]} of {_failures[i] + _successes[i]} scrapes of {_targets[i].Display} failed; the chart of its series has gaps.");
            }
        }

        foreach (var (client, handler) in _clients)
        {
            client.Dispose();
            handler.Dispose();
        }

        _file.Dispose();
        _stop.Dispose();
    }

    private async Task LoopAsync()
    {
        using var timer = new PeriodicTimer(_interval);
        try
        {
            do
            {
                await ScrapeAllAsync(_stop.Token).ConfigureAwait(false);
            }
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
    }

    private Task ScrapeAllAsync(CancellationToken token) => Task.WhenAll(_targets.Select((_, i) => ScrapeAsync(i, token)));

    private async Task ScrapeAsync(int index, CancellationToken token)
    {
        var target = _targets[index];
        var (client, _) = _clients[index];
        var sent = Stopwatch.GetTimestamp();
        string body;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, UrlSecrets.WithoutUserInfo(target.Url));
            request.Headers.Authorization = UrlSecrets.Authorization(target.Url, target.ApiKey);
            using var response = await client.SendAsync(request, token).ConfigureAwait(false);
            body = await response.Content.ReadAsStringAsync(token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                Fail(index, $"HTTP {(int)response.StatusCode}: {KeyRedaction.Excerpt(body, 200, target.ApiKey)}");
                return;
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            return;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            Fail(index, e is TaskCanceledException ? $"no answer within {_clients[index].Client.Timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s" : UrlSecrets.Redact(KeyRedaction.Redact(e.Message, target.ApiKey)));
            return;
        }

        var received = Stopwatch.GetTimestamp();
        var parse = PrometheusText.Parse(body);
        if (parse.Samples.Count == 0)
        {
            Fail(index, parse.Errors.Count > 0 ? "not the Prometheus text format (" + parse.Errors[0] + ")" : "the answer holds no sample");
            return;
        }

        var at = _clock.ToUtcNs(sent + ((received - sent) / 2));
        try
        {
            _file.Append(Lines(target.Display, at, parse));
        }
        catch (IOException e)
        {
            Fail(index, $"cannot write {_file.Path}: {e.Message}");
            return;
        }

        Interlocked.Increment(ref _successes[index]);
    }

    private byte[] Lines(string target, long atNs, PrometheusParse parse)
    {
        using var buffer = new MemoryStream();
        foreach (var sample in parse.Samples)
        {
            var type = ServerMetricsFiles.TypeOf(sample.Name, parse.Types);
            if (type is "histogram" or "summary" or "gaugehistogram")
            {
                continue;
            }

            using (var json = new Utf8JsonWriter(buffer))
            {
                json.WriteStartObject();
                json.WriteNumber("pod", _pod);
                json.WriteString("target", target);
                json.WriteNumber("t_ns", atNs);
                json.WriteString("name", sample.Name);
                json.WriteString("labels", ServerMetricsFiles.FormatLabels(sample.Labels));
                json.WriteString("type", type);
                if (double.IsFinite(sample.Value))
                {
                    json.WriteNumber("value", sample.Value);
                }
                else
                {
                    json.WriteString("value", sample.Value.ToString(CultureInfo.InvariantCulture) switch { "∞" => "Infinity", "-∞" => "-Infinity", var s => s });
                }

                json.WriteEndObject();
            }

            buffer.WriteByte((byte)'\n');
        }

        return buffer.ToArray();
    }

    private void Fail(int index, string reason)
    {
        if (Interlocked.Increment(ref _failures[index]) == 1)
        {
            _warn($"pod {_pod}: scraping server metrics from {_targets[index].Display} failed: {reason}. The run goes on; later failures are counted.");
        }
    }
}
