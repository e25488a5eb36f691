using System;
using System.Diagnostics;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using PodBench.Dsl;

namespace PodBench.Runtime.Simulation;

/// <summary>The request handling of one simulated server: routing, authentication, the latency model's shared state.</summary>
internal sealed class SimulatorApp : IDisposable
{
    private static readonly byte[] NotFoundBody = Encoding.UTF8.GetBytes("{\"detail\":\"Not Found\"}");
    private static readonly byte[] MethodNotAllowedBody = Encoding.UTF8.GetBytes("{\"detail\":\"Method Not Allowed\"}");
    private static readonly byte[] UnauthorizedBody = Encoding.UTF8.GetBytes("{\"error\":\"Unauthorized\"}");
    private static readonly byte[] VersionBody = Encoding.UTF8.GetBytes("{\"version\":\"podbench-simulator\"}");

    private readonly CancellationTokenSource _stopping = new();
    private readonly byte[] _modelsBody;
    private readonly string? _expectedAuthorization;
    private readonly double _ticksPerSecond = Stopwatch.Frequency;

    public SimulatorApp(SimulatorOptions options, SimulatorStats stats)
    {
        if (options.MaxBatch < 1)
        {
            throw new ArgumentException($"SimulatorOptions.MaxBatch must be at least 1 (it is {options.MaxBatch}).", nameof(options));
        }

        Options = options;
        Stats = stats;
        Slots = new SemaphoreSlim(options.MaxBatch, options.MaxBatch);
        CreatedUnix = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        _expectedAuthorization = options.RequiredApiKey is null ? null : "Bearer " + options.RequiredApiKey;
        _modelsBody = ModelsBody(options.ModelId, CreatedUnix);
        PrefixCache = options.PrefixCache is { } cache ? new PrefixCacheStore(cache) : null;
    }

    /// <summary>The prefix cache, when <see cref="SimulatorOptions.PrefixCache"/> is set.</summary>
    public PrefixCacheStore? PrefixCache { get; }

    public SimulatorOptions Options { get; }

    public SimulatorStats Stats { get; }

    /// <summary>Token counters and the KV cache model behind <c>/metrics</c>.</summary>
    public SimulatorCounters Counters { get; } = new();

    public DeadlineScheduler Scheduler { get; } = new();

    /// <summary>The batch: a stream holds a slot from prefill to its last event.</summary>
    public SemaphoreSlim Slots { get; }

    /// <summary>Unix seconds when the server started (the <c>created</c> of responses and models).</summary>
    public long CreatedUnix { get; }

    /// <summary>Cancelled when the server stops: every stream ends.</summary>
    public CancellationToken Stopping => _stopping.Token;

    /// <summary>Prefill time of a prompt in <see cref="Stopwatch"/> ticks.</summary>
    public long PrefillTicks(int promptTokens)
        => ToTicks(Options.BaseTtft) + (long)(Options.PrefillPerToken.TotalSeconds * promptTokens * _ticksPerSecond);

    /// <summary>One token's decode time with <paramref name="streams"/> in flight, in <see cref="Stopwatch"/> ticks.</summary>
    public long DecodeTicks(int streams)
        => (long)(Options.DecodePerToken.TotalSeconds * (1 + (Options.DecodeSlowdownPerStream * Math.Max(0, streams - 1))) * _ticksPerSecond);

    /// <summary>A <see cref="TimeSpan"/> in <see cref="Stopwatch"/> ticks.</summary>
    public long ToTicks(TimeSpan span) => (long)(span.TotalSeconds * _ticksPerSecond);

    public Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        var method = context.Request.Method;
        return path switch
        {
            "/v1/chat/completions" => Post(context, method, chat: true),
            "/v1/completions" => Post(context, method, chat: false),
            "/v1/models" => IsAuthorized(context) ? Get(context, method, _modelsBody) : RefuseUnauthorizedAsync(context),
            "/health" => HttpMethods.IsGet(method) || HttpMethods.IsHead(method) ? Task.CompletedTask : NotAllowed(context),
            "/version" => Get(context, method, VersionBody),
            "/metrics" => HttpMethods.IsGet(method) ? PrometheusExposition.WriteAsync(context, this) : NotAllowed(context),
            _ when NativeRoute.Match(path) is { } native => HttpMethods.IsPost(method) ? new GenerationRun(this, context, native).RunAsync() : NotAllowed(context),
            _ => JsonResponses.WriteJsonAsync(context, StatusCodes.Status404NotFound, NotFoundBody),
        };
    }

    /// <summary>True when no key is required or the request carries it (vLLM checks every <c>/v1</c> path).</summary>
    public bool IsAuthorized(HttpContext context)
        => _expectedAuthorization is null
            || string.Equals(context.Request.Headers.Authorization.ToString(), _expectedAuthorization, StringComparison.Ordinal);

    /// <summary>vLLM's answer to a missing or wrong key.</summary>
    public static Task RefuseUnauthorizedAsync(HttpContext context)
        => JsonResponses.WriteJsonAsync(context, StatusCodes.Status401Unauthorized, UnauthorizedBody);

    /// <summary>Ends every stream; the server stops next.</summary>
    public void BeginStop() => _stopping.Cancel();

    public void Dispose()
    {
        _stopping.Cancel();
        Scheduler.Dispose();
        _stopping.Dispose();
    }

    private static Task NotAllowed(HttpContext context)
        => JsonResponses.WriteJsonAsync(context, StatusCodes.Status405MethodNotAllowed, MethodNotAllowedBody);

    private static byte[] ModelsBody(string modelId, long created)
    {
        var id = System.Text.Json.JsonEncodedText.Encode(modelId).ToString();
        return Encoding.UTF8.GetBytes(
            "{\"object\":\"list\",\"data\":[{\"id\":\"" + id + "\",\"object\":\"model\",\"created\":" + created.ToString(System.Globalization.CultureInfo.InvariantCulture)
            + ",\"owned_by\":\"vllm\",\"root\":\"" + id + "\",\"parent\":null,\"max_model_len\":32768,\"permission\":[]}]}");
    }

    private Task Post(HttpContext context, string method, bool chat)
        => HttpMethods.IsPost(method) ? new GenerationRun(this, context, chat).RunAsync() : NotAllowed(context);

    private static Task Get(HttpContext context, string method, byte[] body)
        => HttpMethods.IsGet(method) ? JsonResponses.WriteJsonAsync(context, StatusCodes.Status200OK, body) : NotAllowed(context);
}
