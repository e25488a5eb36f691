using System;
using System.Collections.Generic;
using System.Text;
using PodBench.Runtime.Engine;
using Xunit;

namespace PodBench.Runtime.Tests.Engine;

public sealed class SseEventReaderTests
{
    /// <summary>Feeds <paramref name="text"/> in pieces of the given sizes (cycled) and collects the events.</summary>
    private static List<string> Read(string text, params int[] pieces)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        using var reader = new SseEventReader(initialSize: 64);
        var events = new List<string>();
        var offset = 0;
        var p = 0;
        while (true)
        {
            while (reader.TryReadEvent())
            {
                events.Add(Encoding.UTF8.GetString(reader.Data));
            }

            if (reader.IsEndOfStream)
            {
                return events;
            }

            var memory = reader.GetReadMemory();
            var size = pieces.Length == 0 ? memory.Length : Math.Min(memory.Length, pieces[p++ % pieces.Length]);
            size = Math.Min(size, bytes.Length - offset);
            bytes.AsSpan(offset, size).CopyTo(memory.Span);
            offset += size;
            reader.Commit(size);
        }
    }

    [Fact]
    public void Splits_events_on_blank_lines_and_strips_data_prefix()
    {
        var events = Read("data: {\"a\":1}\n\ndata:{\"b\":2}\n\ndata: [DONE]\n\n");
        Assert.Equal(new[] { "{\"a\":1}", "{\"b\":2}", "[DONE]" }, events);
    }

    [Fact]
    public void Same_events_whatever_the_read_boundaries()
    {
        const string text = "data: {\"x\":\"one\"}\r\n\r\n: comment\r\ndata: {\"x\":\"two\"}\r\n\r\ndata: {\"x\":\"three\"}\n\ndata: [DONE]\r\n\r\n";
        var expected = new[] { "{\"x\":\"one\"}", "{\"x\":\"two\"}", "{\"x\":\"three\"}", "[DONE]" };
        for (var size = 1; size <= text.Length; size++)
        {
            Assert.Equal(expected, Read(text, size));
        }

        Assert.Equal(expected, Read(text, 1, 2, 3, 5, 7, 11));
    }

    [Fact]
    public void Handles_crlf_and_bare_cr_line_ends()
    {
        Assert.Equal(new[] { "a", "b" }, Read("data: a\r\n\r\ndata: b\r\n\r\n"));
        Assert.Equal(new[] { "a", "b" }, Read("data: a\r\rdata: b\r\r"));
        Assert.Equal(new[] { "a", "b" }, Read("data: a\r\rdata: b\r\r", 1));
        Assert.Equal(new[] { "a", "b" }, Read("data: a\r\n\r\ndata: b\r\n\r\n", 1));
    }

    [Fact]
    public void Skips_comments_other_fields_and_events_without_data()
    {
        var events = Read(": ping\n\nevent: message\nid: 7\ndata: x\n\n:only a comment\n\nretry: 10\n\ndata: y\n\n");
        Assert.Equal(new[] { "x", "y" }, events);
    }

    [Fact]
    public void Joins_several_data_lines_with_newline_and_keeps_a_bare_data_field()
    {
        Assert.Equal(new[] { "{\"a\":\n1}" }, Read("data: {\"a\":\ndata: 1}\n\n"));
        Assert.Equal(new[] { "one\ntwo\nthree" }, Read("data: one\ndata: two\ndata:three\n\n", 3));
        Assert.Equal(new[] { "" }, Read("data\n\n"));
        Assert.Empty(Read("database: x\n\n"));
    }

    [Fact]
    public void Reads_a_huge_event()
    {
        var big = new string('q', 3 << 20);
        var events = Read("data: {\"t\":\"" + big + "\"}\n\ndata: [DONE]\n\n", 4096, 65536, 1);
        Assert.Equal(2, events.Count);
        Assert.Equal(big.Length + 8, events[0].Length);
        Assert.Equal("[DONE]", events[1]);
    }

    [Fact]
    public void Delivers_a_last_event_that_lacks_its_blank_line()
    {
        Assert.Equal(new[] { "a", "[DONE]" }, Read("data: a\n\ndata: [DONE]"));
        Assert.Equal(new[] { "a", "[DONE]" }, Read("data: a\n\ndata: [DONE]\n", 1));
        Assert.Equal(new[] { "{\"cut" }, Read("data: {\"cut"));
        Assert.Empty(Read(""));
    }
}
