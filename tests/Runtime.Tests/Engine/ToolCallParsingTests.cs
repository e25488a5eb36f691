using System.Text;
using System.Text.Json;
using PodBench.Dsl;
using PodBench.Runtime.Engine;
using PodBench.Runtime.Results;
using Xunit;

namespace PodBench.Runtime.Tests.Engine;

/// <summary>Streamed <c>delta.tool_calls</c> pieces and a whole <c>message.tool_calls</c>, on the exact bytes servers send.</summary>
public sealed class ToolCallParsingTests
{
    private static (string Text, ToolCall[] Calls, long[] Growth) Parse(params string[] events)
    {
        using var text = new PooledByteBuffer(16);
        using var calls = new ToolCallParts();
        var fields = default(ChunkFields);
        fields.Reset();
        var growth = new long[events.Length];
        for (var i = 0; i < events.Length; i++)
        {
            var before = calls.Bytes + text.Length;
            ChunkParser.Parse(Encoding.UTF8.GetBytes(events[i]), text, ref fields, calls);
            growth[i] = calls.Bytes + text.Length - before;
        }

        return (Encoding.UTF8.GetString(text.WrittenSpan), calls.ToRecord(), growth);
    }

    [Fact]
    public void Streamed_vllm_tool_call_pieces_join_into_one_call_and_each_piece_is_output()
    {
        // vLLM's hermes parser: role chunk, the name with empty arguments, then the arguments in pieces, finish, usage
        var (text, calls, growth) = Parse(
            """{"id":"chatcmpl-1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}]}""",
            """{"id":"chatcmpl-1","choices":[{"index":0,"delta":{"tool_calls":[{"id":"chatcmpl-tool-9f","type":"function","index":0,"function":{"name":"get_weather","arguments":""}}]},"logprobs":null,"finish_reason":null}]}""",
            """{"id":"chatcmpl-1","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\"city\": \""}}]},"logprobs":null,"finish_reason":null}]}""",
            """{"id":"chatcmpl-1","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"Par\u00eds\"}"}}]},"logprobs":null,"finish_reason":"tool_calls"}]}""",
            """{"id":"chatcmpl-1","choices":[],"usage":{"prompt_tokens":12,"total_tokens":19,"completion_tokens":7}}""");
        Assert.Equal("", text);
        var call = Assert.Single(calls);
        Assert.Equal(new ToolCall("chatcmpl-tool-9f", "get_weather", "{\"city\": \"París\"}"), call);
        Assert.Equal([0L, 11L, 10L, 8L, 0L], growth);
    }

    [Fact]
    public void Parallel_calls_are_kept_apart_by_their_index()
    {
        var (_, calls, _) = Parse(
            """{"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"a","type":"function","function":{"name":"f","arguments":"{\"x\":"}}]}}]}""",
            """{"choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"id":"b","type":"function","function":{"name":"g","arguments":"{"}}]}}]}""",
            """{"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"1}"}},{"index":1,"function":{"arguments":"}"}}]}}]}""");
        Assert.Equal([new ToolCall("a", "f", "{\"x\":1}"), new ToolCall("b", "g", "{}")], calls);
    }

    [Fact]
    public void A_whole_message_keeps_its_calls_in_order_and_its_text_apart()
    {
        var (text, calls, _) = Parse(
            """{"id":"chatcmpl-2","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"Checking.","tool_calls":[{"id":"t1","type":"function","function":{"name":"a_b","arguments":"{\"q\": 1}"}},{"id":"t2","type":"function","function":{"name":"c","arguments":{"raw":[1,2]}}}]},"finish_reason":"tool_calls"}],"usage":{"prompt_tokens":3,"completion_tokens":9}}""");
        Assert.Equal("Checking.", text);
        Assert.Equal([new ToolCall("t1", "a_b", "{\"q\": 1}"), new ToolCall("t2", "c", "{\"raw\":[1,2]}")], calls);
    }

    [Fact]
    public void Without_a_receiver_tool_calls_are_skipped_and_the_other_overload_is_unchanged()
    {
        using var text = new PooledByteBuffer(16);
        var fields = default(ChunkFields);
        fields.Reset();
        ChunkParser.Parse(Encoding.UTF8.GetBytes("""{"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"name":"f","arguments":"{}"}}]}}],"usage":{"prompt_tokens":2,"completion_tokens":1}}"""), text, ref fields);
        Assert.Equal(0, text.Length);
        Assert.Equal(1, fields.CompletionTokens);
    }

    [Fact]
    public void Tools_and_tool_choice_go_into_a_chat_body_and_a_rows_tools_win()
    {
        var endpoint = ModelEndpoint.FunctionCallChat("fc") with
        {
            Tools = [new ToolFunction("get_weather") { Description = "Weather \"now\"", Parameters = """{"type": "object", "properties": {"city": {"type": "string"}}}""" }],
            ToolChoice = "get_weather",
        };
        var writer = new RequestBodyWriter(endpoint, "m");
        using var buffer = new PooledByteBuffer(8);
        using var json = RequestBodyWriter.CreateWriter(buffer);
        writer.Write(json, buffer, new PromptRow(0, "p"));
        Assert.Equal(
            """{"model":"m","messages":[{"role":"user","content":"p"}],"stream":false,"max_tokens":10240,"tools":[{"type":"function","function":{"name":"get_weather","description":"Weather \"now\"","parameters":{"type":"object","properties":{"city":{"type":"string"}}}}}],"tool_choice":{"type": "function", "function": {"name": "get_weather"}}}""",
            Encoding.UTF8.GetString(buffer.WrittenSpan));
        writer.Write(json, buffer, new PromptRow(0, "p") { Tools = """[{"type":"function","function":{"name":"own"}}]""" });
        using var body = JsonDocument.Parse(buffer.WrittenMemory);
        Assert.Equal("own", body.RootElement.GetProperty("tools")[0].GetProperty("function").GetProperty("name").GetString());
    }
}
