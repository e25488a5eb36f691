using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using PodBench.Runtime.Engine;

namespace PodBench.Fuzz;

/// <summary>
/// The engine's streaming response path: <see cref="SseEventReader"/> then <see cref="ChunkParser"/> on each event.
/// Invariants: the events do not depend on how the bytes were cut into reads; a chunk is either parsed or rejected
/// with <see cref="JsonException"/> (what the engine turns into a failed request); nothing else is thrown.
/// </summary>
public sealed class SseStreamTarget : IFuzzTarget
{
    public string Name => "sse";

    public IReadOnlyList<byte[]> Seeds { get; } = new[]
    {
        "data: {\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}\n\ndata: {\"choices\":[{\"delta\":{\"content\":\"Hello\"}}]}\n\ndata: {\"choices\":[],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":2,\"total_tokens\":14}}\n\ndata: [DONE]\n\n",
        ": keep-alive\r\ndata: {\"choices\":[{\"delta\":{\"reasoning_content\":\"think\"}}],\"x_sim_ts\":123456}\r\n\r\nevent: message\r\nid: 7\r\ndata: {\"choices\":[{\"text\":\" world\\u00e9\"}]}\r\n\r\n",
        "data: {\"error\":{\"message\":\"overloaded\",\"code\":503}}\r\rdata: {\"choices\":[{\"delta\":{\"content\":\"a\\nb\"}}]}\n",
        "data: {\"choices\":[{\"delta\":\ndata: {\"content\":\"split\"}}]}\n\n",
        "{\"id\":\"x\",\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"whole body\"}}],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":4}}",
    }.Select(Encoding.UTF8.GetBytes).ToArray();

    public IReadOnlyList<byte[]> Dictionary { get; } = new[]
    {
        "data: ", "data:", "data", "\n\n", "\r\n", "\r", "\n", ": ", "[DONE]", "event: x\n", "id: 1\n", "retry: 10\n",
        "{\"choices\":[{\"delta\":{\"content\":\"", "\"}}]}", "\"usage\":{\"prompt_tokens\":", "\"completion_tokens\":", "\"x_sim_ts\":",
        "\"text\":", "\"reasoning_content\":", "\"message\":", "\"error\":", "null", "1e999", "-1", "9223372036854775808", "\"\\ud800\"",
        "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[", "{}", "[]",
    }.Select(Encoding.UTF8.GetBytes).Concat(new[] { new byte[] { 0xEF, 0xBB, 0xBF }, new byte[] { 0xFF }, new byte[] { 0xC3 } }).ToArray();

    public bool Run(byte[] input)
    {
        var whole = Events(input, null);
        var cut = Events(input, 1 + (input.Length % 7));
        if (whole.Count != cut.Count || !whole.Zip(cut).All(p => p.First.AsSpan().SequenceEqual(p.Second)))
        {
            throw new FuzzFailure($"events depend on read sizes: {whole.Count} whole vs {cut.Count} cut");
        }

        var accepted = Parse(input);
        foreach (var data in whole)
        {
            accepted |= Parse(data);
        }

        return accepted;
    }

    private static bool Parse(byte[] json)
    {
        using var text = new PooledByteBuffer(64);
        var fields = default(ChunkFields);
        try
        {
            ChunkParser.Parse(json, text, ref fields);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static List<byte[]> Events(byte[] input, int? pieceSize)
    {
        using var reader = new SseEventReader(initialSize: 64);
        var events = new List<byte[]>();
        var offset = 0;
        while (true)
        {
            while (reader.TryReadEvent())
            {
                events.Add(reader.Data.ToArray());
            }

            if (reader.IsEndOfStream)
            {
                return events;
            }

            var memory = reader.GetReadMemory();
            var size = Math.Min(Math.Min(memory.Length, pieceSize ?? int.MaxValue), input.Length - offset);
            input.AsSpan(offset, size).CopyTo(memory.Span);
            offset += size;
            reader.Commit(size);
        }
    }
}
