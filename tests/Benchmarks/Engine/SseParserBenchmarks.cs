using System;
using System.Text;
using BenchmarkDotNet.Attributes;
using PodBench.Runtime.Engine;

namespace PodBench.Benchmarks.Engine;

/// <summary>
/// The engine's streaming hot path without the network: split a vLLM-shaped SSE stream of 64 content chunks (plus
/// role, usage and [DONE]) into events and parse each event's JSON into the pooled prediction buffer. One op = one
/// response of 66 events; divide by 66 for the cost per chunk. Reads of 64 B model a server that flushes per token
/// and is read as it comes; 64 KiB models chunks that queued up.
/// </summary>
[MemoryDiagnoser]
[InProcess]
public class SseParserBenchmarks
{
    private byte[] _stream = Array.Empty<byte>();
    private SseEventReader _reader = null!;
    private PooledByteBuffer _text = null!;

    [Params(64, 300, 65536)]
    public int ReadSize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var sb = new StringBuilder();
        sb.Append("data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1732000000,\"model\":\"qwen\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null,\"x_sim_ts\":123456789012}\n\n");
        for (var i = 0; i < 64; i++)
        {
            sb.Append("data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1732000000,\"model\":\"qwen\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\" token\\n\"},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null,\"x_sim_ts\":123456789012}\n\n");
        }

        sb.Append("data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1732000000,\"model\":\"qwen\",\"choices\":[],\"usage\":{\"prompt_tokens\":100,\"total_tokens\":164,\"completion_tokens\":64}}\n\n");
        sb.Append("data: [DONE]\n\n");
        _stream = Encoding.UTF8.GetBytes(sb.ToString());
        _reader = new SseEventReader();
        _text = new PooledByteBuffer();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _reader.Dispose();
        _text.Dispose();
    }

    /// <summary>Splits and parses one whole response; returns the events seen.</summary>
    [Benchmark]
    public int SplitAndParse()
    {
        _reader.Reset();
        _text.Reset();
        var fields = default(ChunkFields);
        fields.Reset();
        var offset = 0;
        var events = 0;
        while (true)
        {
            while (_reader.TryReadEvent())
            {
                var data = _reader.Data;
                if (data.Length == 6 && data[0] == (byte)'[')
                {
                    return events;
                }

                events++;
                ChunkParser.Parse(data, _text, ref fields);
            }

            var memory = _reader.GetReadMemory().Span;
            var size = Math.Min(Math.Min(ReadSize, memory.Length), _stream.Length - offset);
            _stream.AsSpan(offset, size).CopyTo(memory);
            offset += size;
            _reader.Commit(size);
        }
    }

    /// <summary>Only the event split, no JSON: the reader's own share.</summary>
    [Benchmark]
    public int SplitOnly()
    {
        _reader.Reset();
        var offset = 0;
        var events = 0;
        while (true)
        {
            while (_reader.TryReadEvent())
            {
                events++;
            }

            if (_reader.IsEndOfStream)
            {
                return events;
            }

            var memory = _reader.GetReadMemory().Span;
            var size = Math.Min(Math.Min(ReadSize, memory.Length), _stream.Length - offset);
            _stream.AsSpan(offset, size).CopyTo(memory);
            offset += size;
            _reader.Commit(size);
        }
    }
}
