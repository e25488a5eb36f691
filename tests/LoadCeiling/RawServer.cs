using System;
using System.Buffers.Text;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PodBench.LoadCeiling;

/// <summary>
/// The fastest server we can write: each request gets a role chunk, <c>chunks</c> content chunks, a usage chunk and
/// [DONE], every event stamped with <c>x_sim_ts</c> (Stopwatch) as it is written, flushed per event (like a real
/// server sending tokens one by one; <c>--flush end</c> writes the whole response at once) with an optional delay
/// between events. The stamp is read right before the event is copied to the output; with <c>inlineSend</c> the flush then sends it
/// on the same thread.
/// </summary>
internal static class RawServer
{
    private static readonly byte[] ChunkHead = "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"model\":\"raw\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"tok \"},\"finish_reason\":null}],\"usage\":null,\"x_sim_ts\":"u8.ToArray();
    private static readonly byte[] RoleHead = "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"model\":\"raw\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}],\"usage\":null,\"x_sim_ts\":"u8.ToArray();
    private static readonly byte[] UsageHead = "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"model\":\"raw\",\"choices\":[],\"usage\":{\"prompt_tokens\":8,\"completion_tokens\":"u8.ToArray();
    private static readonly byte[] Tail = "}\n\n"u8.ToArray();
    internal static readonly byte[] Done = "data: [DONE]\n\n"u8.ToArray();

    /// <summary>Starts the server on a free loopback port.</summary>
    /// <param name="chunks">Content chunks per response.</param>
    /// <param name="delay">The pause after each event (zero: none).</param>
    /// <param name="flushEach">Whether each event is flushed on its own.</param>
    /// <param name="inlineSend">Whether a flush sends on the flushing thread.</param>
    /// <param name="jitter">Each delay is drawn from delay x [1 - jitter, 1 + jitter] (0: every stream's events stay in
    /// step, so a thousand streams send in bursts, as one decode step of a batching server does).</param>
    public static async Task<WebApplication> StartAsync(int chunks, TimeSpan delay, bool flushEach, bool inlineSend, double jitter)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();

        // inline scheduling (lag cases): a flush goes to the socket on the flushing thread, so x_sim_ts is read just
        // before the send system call, with no thread-pool hop in between to count as client lag; the ceiling cases
        // keep Kestrel's default, which coalesces the events flushed while a send is pending
        builder.WebHost.UseSockets(o => o.UnsafePreferInlineScheduling = inlineSend);
        builder.WebHost.UseKestrel(o =>
        {
            o.Listen(IPAddress.Loopback, 0);
            o.Limits.MaxConcurrentConnections = null;
            o.Limits.MaxConcurrentUpgradedConnections = null;
        });
        var app = builder.Build();
        app.Run(http => ServeAsync(http, chunks, delay, flushEach, jitter));
        await app.StartAsync();
        return app;
    }

    /// <summary>
    /// Writes event <paramref name="index"/> of a response (0: the role chunk, 1 to <paramref name="chunks"/>: content,
    /// then usage) into <paramref name="destination"/>, stamped with <c>x_sim_ts</c> now; returns its length.
    /// </summary>
    public static int WriteEvent(Span<byte> destination, int index, int chunks)
    {
        var head = index == 0 ? RoleHead : index <= chunks ? ChunkHead : UsageHead;
        head.CopyTo(destination);
        var n = head.Length;
        if (index > chunks)
        {
            Utf8Formatter.TryFormat(chunks, destination[n..], out var w);
            n += w;
            "},\"x_sim_ts\":"u8.CopyTo(destination[n..]);
            n += 13;
        }

        Utf8Formatter.TryFormat(Stopwatch.GetTimestamp(), destination[n..], out var written);
        n += written;
        Tail.CopyTo(destination[n..]);
        return n + Tail.Length;
    }

    public static string Address(WebApplication app) => app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    private static async Task ServeAsync(HttpContext http, int chunks, TimeSpan delay, bool flushEach, double jitter)
    {
        if (http.Request.Method == "GET")
        {
            await http.Response.WriteAsync("{\"data\":[{\"id\":\"raw\"}]}");
            return;
        }

        var drain = new byte[4096];
        while (await http.Request.Body.ReadAsync(drain) > 0)
        {
        }

        http.Response.ContentType = "text/event-stream";
        var writer = http.Response.BodyWriter;
        for (var i = 0; i <= chunks + 1; i++)
        {
            writer.Advance(WriteEvent(writer.GetSpan(512), i, chunks));
            if (flushEach || delay > TimeSpan.Zero)
            {
                await writer.FlushAsync();
            }

            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(jitter > 0 ? delay * (1 - jitter + (2 * jitter * Random.Shared.NextDouble())) : delay);
            }
        }

        Done.CopyTo(writer.GetSpan(Done.Length));
        writer.Advance(Done.Length);
        await writer.FlushAsync();
    }
}
