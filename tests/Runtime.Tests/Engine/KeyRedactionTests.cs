using System;
using System.Linq;
using System.Threading.Tasks;
using PodBench.Runtime.Engine;
using PodBench.Runtime.Tests.Engine.Transport;
using Xunit;

namespace PodBench.Runtime.Tests.Engine;

/// <summary>An API key a server echoes never survives an error text, not even in part where the text is cut.</summary>
public sealed class KeyRedactionTests
{
    private const string Key = "sk-SECRET-0123456789abcdef";

    [Fact]
    public async Task A_key_echoed_across_the_512_byte_excerpt_is_redacted_at_every_cut()
    {
        // row i puts the key's first character at byte (512 - Key.Length - 2 + i) of the error body, so the cut at
        // 512 falls before, inside (at every position) and after the key
        var first = ErrorBodyExcerpt.MaxBytes - Key.Length - 2;
        var rows = Key.Length + 5;
        await using var server = await TestServer.StartAsync(q => new TestServerPlan
        {
            Status = 401,
            ErrorBody = new string('x', first + RowOf(q.Prompt) - "Bearer ".Length) + "{auth}" + new string('y', 200),
        });
        var endpoint = EngineTestKit.Endpoint(server) with { Retry = 1 };
        var (outcome, sink) = await EngineTestKit.RunAsync(EngineTestKit.Request(server, endpoint, EngineTestKit.Rows(rows), apiKey: Key));

        Assert.Equal(rows, outcome.Failed);
        Assert.Equal(rows, sink.Records.Count());
        foreach (var record in sink.Records)
        {
            var start = first + (int)record.Id;
            Assert.StartsWith("HTTP 401", record.ErrorInfo);
            Assert.EndsWith("...", record.ErrorInfo);
            AssertNoPartOfKey(record.ErrorInfo, start);
            if (start + Key.Length <= ErrorBodyExcerpt.MaxBytes)
            {
                Assert.Contains("Bearer ***", record.ErrorInfo);
            }
        }
    }

    [Fact]
    public async Task A_key_echoed_across_the_300_character_model_list_excerpt_is_redacted_at_every_cut()
    {
        const int Cut = 300;
        var first = Cut - Key.Length - 2;
        await using var server = new ScriptedHttpServer(e =>
        {
            var auth = e.Request.Split("\r\n").Single(l => l.StartsWith("Authorization:", StringComparison.Ordinal))["Authorization:".Length..].Trim();
            var body = new string('x', first + e.Connection - 1 - "Bearer ".Length) + auth + new string('y', 100);
            return e.WriteAsync($"HTTP/1.1 401 Unauthorized\r\nContent-Type: text/plain\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n{body}");
        });
        var baseUrl = new Uri(server.Target.GetLeftPart(UriPartial.Authority) + "/");
        for (var i = 0; i < Key.Length + 5; i++)
        {
            var e = await Assert.ThrowsAsync<InvalidOperationException>(() => ModelDiscovery.GetFirstModelIdAsync(baseUrl, Key, timeout: TimeSpan.FromSeconds(30)));
            Assert.Contains("HTTP 401", e.Message);
            Assert.EndsWith("...", e.Message);
            AssertNoPartOfKey(e.Message, first + i);
            Assert.Equal(i + 1, server.Connections);
        }
    }

    [Fact]
    public void An_excerpt_cut_inside_the_key_masks_what_is_left_of_it()
    {
        for (var start = 0; start < 40; start++)
        {
            var text = new string('.', start) + Key + new string('.', 40);
            var excerpt = KeyRedaction.Excerpt(text, 30, Key);
            Assert.True(excerpt.Length <= 30 + KeyRedaction.Ellipsis.Length, excerpt);
            AssertNoPartOfKey(excerpt, start);
        }

        Assert.Equal("no key here", KeyRedaction.Excerpt("no key here", 30, Key));
        Assert.Equal("abc...", KeyRedaction.Excerpt("abcdef", 3, null));
    }

    private static int RowOf(string prompt) => int.Parse(prompt[(prompt.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>No four characters of the key in a row survive (so no prefix of 4+ characters either).</summary>
    private static void AssertNoPartOfKey(string text, int keyStart)
    {
        for (var i = 0; i + 4 <= Key.Length; i++)
        {
            Assert.False(text.Contains(Key.Substring(i, 4), StringComparison.Ordinal), $"key at {keyStart}: '{Key.Substring(i, 4)}' survived in: {text}");
        }
    }
}
