using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PodBench.Runtime.Tests.Engine;

/// <summary>
/// A tiny Kestrel server on 127.0.0.1 that streams vLLM-shaped chunks (role chunk, content chunks, usage, [DONE]),
/// with faults on demand, and records what it received and how many requests were in flight at once.
/// </summary>
public sealed class TestServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Func<TestServerRequest, TestServerPlan> _behave;
    private readonly ConcurrentDictionary<string, int> _attempts = new();
    private int _inFlight;
    private int _maxInFlight;

    private TestServer(WebApplication app, Func<TestServerRequest, TestServerPlan> behave)
    {
        _app = app;
        _behave = behave;
    }

    public Uri BaseUrl { get; private set; } = null!;

    public ConcurrentQueue<TestServerRequest> Requests { get; } = new();

    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    public static async Task<TestServer> StartAsync(Func<TestServerRequest, TestServerPlan>? behave = null, X509Certificate2? certificate = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0, listen =>
        {
            if (certificate is not null)
            {
                listen.Protocols = HttpProtocols.Http1AndHttp2;
                listen.UseHttps(certificate);
            }
        }));
        var app = builder.Build();
        var server = new TestServer(app, behave ?? (_ => new TestServerPlan()));
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = new Uri(address);
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext http)
    {
        if (http.Request.Method == "GET" && http.Request.Path == "/v1/models")
        {
            http.Response.ContentType = "application/json";
            await http.Response.WriteAsync("{\"object\":\"list\",\"data\":[{\"id\":\"test-model\",\"object\":\"model\"}]}");
            return;
        }

        var now = Interlocked.Increment(ref _inFlight);
        var max = Volatile.Read(ref _maxInFlight);
        while (now > max && Interlocked.CompareExchange(ref _maxInFlight, now, max) != max)
        {
            max = Volatile.Read(ref _maxInFlight);
        }

        try
        {
            await ServeAsync(http);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private async Task ServeAsync(HttpContext http)
    {
        var received = Stopwatch.GetTimestamp();
        string body;
        using (var reader = new StreamReader(http.Request.Body, Encoding.UTF8))
        {
            body = await reader.ReadToEndAsync();
        }

        using var doc = JsonDocument.Parse(body);
        var root = doc.RootElement;
        var prompt = root.TryGetProperty("messages", out var messages) ? messages[0].GetProperty("content").GetString()! : root.GetProperty("prompt").GetString()!;
        var stream = root.TryGetProperty("stream", out var s) && s.GetBoolean();
        var attempt = _attempts.AddOrUpdate(prompt, 1, (_, n) => n + 1);
        var request = new TestServerRequest(http.Request.Path, body, prompt, stream, attempt, http.Request.Headers.Authorization.FirstOrDefault(), received, http.Request.Protocol);
        Requests.Enqueue(request);
        var plan = _behave(request);
        if (plan.StallBeforeHead)
        {
            await StallAsync(http);
            return;
        }

        if (plan.Status != 200)
        {
            http.Response.StatusCode = plan.Status;
            http.Response.ContentType = "application/json";
            await http.Response.WriteAsync(plan.ErrorBody.Replace("{auth}", request.Authorization ?? ""));
            return;
        }

        var promptTokens = prompt.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        var chat = http.Request.Path.Value!.Contains("chat");
        if (!stream)
        {
            http.Response.ContentType = "application/json";
            var text = string.Concat(Enumerable.Range(0, plan.Chunks).Select(i => $"tok{i} "));
            var choice = chat ? $"{{\"index\":0,\"message\":{{\"role\":\"assistant\",\"content\":{JsonSerializer.Serialize(text)}}}}}" : $"{{\"index\":0,\"text\":{JsonSerializer.Serialize(text)}}}";
            var usage = plan.Usage == TestUsage.None ? "" : $",\"usage\":{{\"prompt_tokens\":{promptTokens},\"completion_tokens\":{plan.Chunks},\"total_tokens\":{promptTokens + plan.Chunks}}}";
            await http.Response.WriteAsync($"{{\"id\":\"x\",\"choices\":[{choice}]{usage}}}");
            return;
        }

        http.Response.ContentType = "text/event-stream";
        var nl = plan.CrLf ? "\r\n" : "\n";
        var events = 0;
        async Task SendAsync(string json)
        {
            if (plan.AbortAfter is { } abort && events >= abort)
            {
                http.Abort();
                throw new OperationCanceledException("aborted on purpose");
            }

            if (plan.StallAfter is { } stall && events >= stall)
            {
                await StallAsync(http);
                throw new OperationCanceledException("stalled on purpose");
            }

            if (plan.Stamp)
            {
                json = json[..^1] + ",\"x_sim_ts\":" + Stopwatch.GetTimestamp() + "}";
            }

            await http.Response.WriteAsync(": keep-alive comment" + nl + "data: " + json + nl + nl);
            await http.Response.Body.FlushAsync();
            events++;
            if (plan.ChunkDelay > TimeSpan.Zero)
            {
                await Task.Delay(plan.ChunkDelay);
            }
        }

        try
        {
            if (!plan.Empty)
            {
                await SendAsync(Chunk(chat, "", role: true, null));
                if (plan.InvalidJson)
                {
                    await http.Response.WriteAsync("data: {\"choices\":[{\"delta\":{\"content\":\"x\"" + nl + nl);
                    await http.Response.Body.FlushAsync();
                }

                for (var i = 0; i < plan.Chunks; i++)
                {
                    var usage = plan.Usage == TestUsage.InLast && i == plan.Chunks - 1 ? Usage(promptTokens, plan.Chunks) : null;
                    await SendAsync(Chunk(chat, $"tok{i} ", role: false, usage));
                }

                if (plan.HugeChunkBytes > 0)
                {
                    await SendAsync(Chunk(chat, new string('z', plan.HugeChunkBytes), role: false, null));
                }

                if (plan.Usage == TestUsage.Separate)
                {
                    await SendAsync($"{{\"id\":\"x\",\"object\":\"chat.completion.chunk\",\"choices\":[],\"usage\":{Usage(promptTokens, plan.Chunks)}}}");
                }
            }

            if (!plan.OmitDone)
            {
                await http.Response.WriteAsync("data: [DONE]" + nl + nl);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Sends nothing until the client gives up (bounded, so a broken client cannot hold the server for ever).</summary>
    private static async Task StallAsync(HttpContext http)
    {
        try
        {
            await Task.Delay(TimeSpan.FromMinutes(2), http.RequestAborted);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static string Usage(int prompt, int completion) => $"{{\"prompt_tokens\":{prompt},\"completion_tokens\":{completion},\"total_tokens\":{prompt + completion}}}";

    private static string Chunk(bool chat, string text, bool role, string? usage)
    {
        var content = JsonSerializer.Serialize(text);
        var choice = chat
            ? (role ? $"{{\"index\":0,\"delta\":{{\"role\":\"assistant\",\"content\":{content}}},\"finish_reason\":null}}" : $"{{\"index\":0,\"delta\":{{\"content\":{content}}},\"finish_reason\":null}}")
            : $"{{\"index\":0,\"text\":{content},\"finish_reason\":null}}";
        return $"{{\"id\":\"x\",\"object\":\"chat.completion.chunk\",\"choices\":[{choice}],\"usage\":{usage ?? "null"}}}";
    }
}
