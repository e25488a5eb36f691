using System.Collections.Generic;
using PodBench.Dsl;

namespace Examples.FunctionCall;

/// <summary>
/// Function-call chat, the reference's <c>vllm_api_function_call_chat</c>: a BFCL-format file whose lines carry their
/// own functions (sent as each request's <c>tools</c>, without streaming as the reference does), and a streamed
/// endpoint with typed tools and a forced tool choice, where the call's arguments arrive in pieces and time to first
/// token is the first piece. Every details line keeps the calls (<c>tool_calls</c>: id, name, arguments).
/// </summary>
[BenchmarkPlan]
public sealed class FunctionCallPlan : BenchmarkPlan
{
    private static readonly ModelEndpoint Bfcl = ModelEndpoint.FunctionCallChat("vllm-api-function-call-chat") with
    {
        Model = "qwen",
        Concurrency = 2,
        MaxOutLen = 64,
        Generation = GenerationArgs.Empty.WithTemperature(0.01),
    };

    private static readonly ToolFunction Weather = new("get_weather")
    {
        Description = "The current weather in a city.",
        Parameters = """{"type": "object", "properties": {"city": {"type": "string"}, "unit": {"type": "string", "enum": ["celsius", "fahrenheit"]}}, "required": ["city"]}""",
    };

    private static readonly ModelEndpoint Streamed = ModelEndpoint.StreamFunctionCallChat("stream-function-call-chat") with
    {
        Model = "qwen",
        Concurrency = 4,
        Tools = [Weather, new ToolFunction("get_time") { Description = "The current time in a time zone." }],
        ToolChoice = "get_weather", // or "auto", "none", "required"
        Generation = GenerationArgs.Empty.WithIgnoreEos(),
    };

    private static readonly FunctionCallDataset BfclSimple = new("bfcl-simple", "data/bfcl_simple.jsonl");

    private static readonly SyntheticDataset Questions = new("questions")
    {
        RequestCount = 16,
        Input = Length.Uniform(32, 64),
        Output = Length.Fixed(24), // tokens of each call's arguments
        DistinctPrompts = true,
    };

    public override IReadOnlyList<ModelEndpoint> Models => [Bfcl, Streamed];

    public override IReadOnlyList<Dataset> Datasets => [BfclSimple, Questions];

    public override IReadOnlyList<PodGroup> Pods => [new(Bfcl, BfclSimple), new(Streamed, Questions)];
}
