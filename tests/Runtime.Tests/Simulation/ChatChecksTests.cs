using System.Text.Json;
using PodBench.Runtime.Simulation;
using Xunit;

namespace PodBench.Runtime.Tests.Simulation;

/// <summary>What the simulator accepts of a chat body's history and tools, and which function its answer calls.</summary>
public sealed class ChatChecksTests
{
    private const string User = """[{"role": "user", "content": "q"}]""";

    [Theory]
    [InlineData("""{"messages": MSG}""", null, "")]
    [InlineData("""{"messages": MSG, "tools": [{"type": "function", "function": {"name": "a"}}, {"type": "function", "function": {"name": "b", "parameters": {}}}]}""", "a", "")]
    [InlineData("""{"messages": MSG, "tools": [{"type": "function", "function": {"name": "a"}}, {"type": "function", "function": {"name": "b"}}], "tool_choice": {"type": "function", "function": {"name": "b"}}}""", "b", "")]
    [InlineData("""{"messages": MSG, "tools": [{"type": "function", "function": {"name": "a"}}], "tool_choice": "none"}""", null, "")]
    [InlineData("""{"messages": MSG, "tools": {"name": "a"}}""", null, "'tools' must be an array.")]
    [InlineData("""{"messages": MSG, "tools": [{"type": "function", "function": {"name": "a", "parameters": "x"}}]}""", null, "tools[0] must be {\"type\": \"function\", \"function\": {\"name\": string, \"parameters\": object}}.")]
    [InlineData("""{"messages": MSG, "tools": [{"type": "function", "function": {"name": "a"}}], "tool_choice": {"type": "function", "function": {"name": "c"}}}""", null, "Tool 'c' named by 'tool_choice' is not among the request's tools.")]
    [InlineData("""{"messages": MSG, "tool_choice": "required"}""", null, "'tool_choice' asks for a tool call, but the request has no 'tools'.")]
    [InlineData("""{"messages": MSG, "tool_choice": "sometimes"}""", null, "'tool_choice' must be \"none\", \"auto\" or \"required\", not \"sometimes\".")]
    public void Tools_and_tool_choice(string body, string? call, string error)
    {
        using var doc = JsonDocument.Parse(body.Replace("MSG", User, System.StringComparison.Ordinal));
        var ok = ChatChecks.TryReadTools(doc.RootElement, out _, out var called, out var why);
        Assert.Equal((error.Length == 0, call, error), (ok, called, why));
    }

    [Theory]
    [InlineData("""[{"role": "system", "content": "s"}, {"role": "user", "content": "a"}, {"role": "assistant", "content": "b"}, {"role": "user", "content": "c"}]""", "")]
    [InlineData("""[{"role": "user", "content": "a"}, {"role": "assistant", "content": null, "tool_calls": [{"id": "t"}]}, {"role": "tool", "tool_call_id": "t", "content": "42"}]""", "")]
    [InlineData("""[{"role": "user", "content": "a"}, {"role": "user", "content": "b"}]""", "messages[1]: Conversation roles must alternate user/assistant/user/assistant/... (found 'user' here).")]
    [InlineData("""[{"role": "user", "content": "a"}, {"role": "system", "content": "s"}]""", "messages[1]: Conversation roles must alternate user/assistant/user/assistant/... (found 'system' here).")]
    [InlineData("""[{"role": "user", "content": "a"}, {"role": "assistant", "content": "b"}]""", "The last message must be a user message (or a tool result): there is nothing to answer.")]
    [InlineData("""[{"role": "user", "content": "a"}, {"role": "assistant"}, {"role": "user", "content": "c"}]""", "messages[1]: an assistant message needs a string 'content' or 'tool_calls'.")]
    [InlineData("""[{"role": "user", "content": "a"}, {"role": "assistant", "tool_calls": [{"id": "t"}]}, {"role": "tool", "content": "42"}]""", "messages[2]: a tool message needs a string 'tool_call_id'.")]
    public void The_history(string messages, string error)
    {
        using var doc = JsonDocument.Parse(messages);
        var ok = ChatChecks.TryCheckHistory(doc.RootElement, out var why);
        Assert.Equal((error.Length == 0, error), (ok, why));
    }
}
