using System;
using System.IO;
using System.Net.ServerSentEvents;
using BenchmarkDotNet.Attributes;
using PodBench.Runtime.Engine;

namespace PodBench.Benchmarks.Engine;

/// <summary>
/// <see cref="SseEventReader"/> against <c>System.Net.ServerSentEvents.SseParser</c> (in the .NET shared framework)
/// on the same stream, recorded from the simulator (<see cref="RecordedSseStream"/>: a chat completion of 256 tokens,
/// 259 events with the role chunk, the usage chunk and <c>[DONE]</c>). Both hand every event's data to
/// <see cref="ChunkParser"/>, so the difference is the event split alone; divide by <see cref="RecordedSseStream.Events"/>
/// for the cost per event. Reads of <see cref="ReadSize"/> bytes as in <see cref="SseParserBenchmarks"/>:
/// <c>dotnet run -c Release --project tests/Benchmarks -- --filter '*SseLibraryBenchmarks*'</c>.
/// The decision it backs is written in docs/architecture.md ("Decisions written down").
/// </summary>
[MemoryDiagnoser]
[InProcess]
public class SseLibraryBenchmarks
{
    private byte[] _stream = Array.Empty<byte>();
    private SseEventReader _reader = null!;
    private PooledByteBuffer _text = null!;
    private ChunkFields _fields;

    [Params(64, 65536)]
    public int ReadSize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _stream = RecordedSseStream.Bytes;
        _reader = new SseEventReader();
        _text = new PooledByteBuffer();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _reader.Dispose();
        _text.Dispose();
    }

    /// <summary>Ours: the caller reads into the reader's buffer, events are spans into it.</summary>
    [Benchmark(Baseline = true)]
    public int Ours()
    {
        _reader.Reset();
        _text.Reset();
        _fields.Reset();
        var offset = 0;
        var events = 0;
        while (true)
        {
            while (_reader.TryReadEvent())
            {
                events++;
                var data = _reader.Data;
                if (!(data.Length == 6 && data[0] == (byte)'['))
                {
                    ChunkParser.Parse(data, _text, ref _fields);
                }
            }

            if (_reader.IsEndOfStream || offset == _stream.Length)
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

    /// <summary>The library, synchronous: it pulls from a stream and hands each event's data to the item parser.</summary>
    [Benchmark]
    public int Library()
    {
        _text.Reset();
        _fields.Reset();
        var events = 0;
        using var source = new ChunkedStream(_stream, ReadSize);
        foreach (var _ in SseParser.Create(source, ParseItem).Enumerate())
        {
            events++;
        }

        return events;
    }

    /// <summary>The library, asynchronous, as the engine would have to use it over a socket.</summary>
    [Benchmark]
    public async System.Threading.Tasks.Task<int> LibraryAsync()
    {
        _text.Reset();
        _fields.Reset();
        var events = 0;
        using var source = new ChunkedStream(_stream, ReadSize);
        await foreach (var _ in SseParser.Create(source, ParseItem).EnumerateAsync())
        {
            events++;
        }

        return events;
    }

    private int ParseItem(string eventType, ReadOnlySpan<byte> data)
    {
        if (!(data.Length == 6 && data[0] == (byte)'['))
        {
            ChunkParser.Parse(data, _text, ref _fields);
        }

        return data.Length;
    }

    /// <summary>A read-only stream over a byte array that returns at most <c>readSize</c> bytes per read, like a socket.</summary>
    private sealed class ChunkedStream(byte[] bytes, int readSize) : MemoryStream(bytes, writable: false)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, readSize));

        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, readSize)]);

        public override System.Threading.Tasks.ValueTask<int> ReadAsync(Memory<byte> buffer, System.Threading.CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, readSize)], cancellationToken);

        public override System.Threading.Tasks.Task<int> ReadAsync(byte[] buffer, int offset, int count, System.Threading.CancellationToken cancellationToken) =>
            base.ReadAsync(buffer, offset, Math.Min(count, readSize), cancellationToken);
    }
}
