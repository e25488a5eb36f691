using System;
using System.Collections.Generic;

namespace PodBench.Dsl;

/// <summary>
/// One model endpoint (reference: a <c>models</c> entry such as <c>vllm_api_stream_chat</c>). Start from a preset
/// (<see cref="StreamChat"/>, <see cref="Chat"/>, <see cref="StreamCompletions"/>, <see cref="Completions"/>, or a
/// native server API: <see cref="MindieStream"/>, <see cref="Tgi"/>, <see cref="TgiStream"/>, <see cref="Triton"/>,
/// <see cref="TritonStream"/>) and change it with an object initializer, <c>with</c> or the <c>With...</c> methods.
/// </summary>
/// <param name="Abbr">Unique name of the endpoint; it names output folders, so it must be a safe file name.</param>
public sealed record ModelEndpoint(string Abbr)
{
    /// <summary>The API the requests use. Default: streaming chat.</summary>
    public ApiKind Api { get; init; } = ApiKind.StreamChat;

    /// <summary>
    /// Base URL of the server (e.g. <c>http://10.0.0.5:8000</c>); wins over <see cref="Host"/>/<see cref="Port"/>.
    /// When both this and <see cref="Host"/> are null the built-in simulated server is used.
    /// </summary>
    public string? Url { get; init; }

    /// <summary>Host name or IP of the server (reference: <c>host_ip</c>); IPv6 addresses are bracketed for you.</summary>
    public string? Host { get; init; }

    /// <summary>Port of the server (reference: <c>host_port</c>). Default 8080.</summary>
    public int Port { get; init; } = 8080;

    /// <summary>Use https with <see cref="Host"/>/<see cref="Port"/> (reference: <c>enable_ssl</c>).</summary>
    public bool Https { get; init; }

    /// <summary>TLS options for https.</summary>
    public TlsOptions Tls { get; init; } = TlsOptions.Default;

    /// <summary>
    /// The served model name; when null it is discovered with <c>GET /v1/models</c> (the first id). Triton takes it
    /// in the request path; MindIE's and TGI's native APIs send no model name (PB0051 warns when it is set).
    /// </summary>
    public string? Model { get; init; }

    /// <summary>Where the API key comes from. Default: the environment variable <c>BENCHMARK_API_KEY</c>.</summary>
    public ApiKey ApiKey { get; init; } = ApiKey.Default;

    /// <summary>
    /// A Hugging Face tokenizer folder (with <c>tokenizer.json</c>) used to count tokens when the server reports
    /// no usage (reference: <c>path</c>). Relative paths are resolved against the plan project folder.
    /// </summary>
    public string? TokenizerPath { get; init; }

    /// <summary>Default <c>max_tokens</c> of a request; a dataset's drawn output length overrides it. Default 512.</summary>
    public int MaxOutLen { get; init; } = 512;

    /// <summary>The concurrency limit: at most this many requests in flight (reference: <c>batch_size</c>). Default 1.</summary>
    public int Concurrency { get; init; } = 1;

    /// <summary>Target request rate, requests/s; below 0.001 sends unpaced (reference: <c>request_rate</c>).</summary>
    public double RequestRate { get; init; }

    /// <summary>Gamma shape of inter-arrival times: 1 is Poisson (default), 0 evenly spaced.</summary>
    public double Burstiness { get; init; } = 1.0;

    /// <summary>An optional ramp-up of the request rate; it replaces <see cref="RequestRate"/>.</summary>
    public RampUp? RampUp { get; init; }

    /// <summary>Send each request at its dataset row's timestamp (trace replay; reference: <c>use_timestamp</c>).</summary>
    public bool UseTimestamp { get; init; }

    /// <summary>Total attempts per request; only transport exceptions are retried (reference: <c>retry</c>). Default 2.</summary>
    public int Retry { get; init; } = 2;

    /// <summary>How long one request may take before it fails; null waits forever (the reference's default).</summary>
    public TimeSpan? RequestTimeout { get; init; }

    /// <summary>
    /// How long an attempt waits for the response headers, from its send, before it fails with the reason
    /// <c>no response headers for N s (HeaderTimeout)</c>. A non-streamed answer's headers come with the whole
    /// generation, so this also bounds its length. Default <see cref="DefaultWaitLimit"/> (10 minutes); more than 0 and
    /// at most 1 day (PB0027).
    /// </summary>
    public TimeSpan HeaderTimeout { get; init; } = DefaultWaitLimit;

    /// <summary>
    /// How long a response may go without a stream event (not streamed: without body bytes) before its attempt fails
    /// with the reason <c>no stream event for N s (IdleTimeout)</c>, keeping the readings taken so far. A stall is an
    /// exception like a broken stream, so it is retried while <see cref="Retry"/> allows. Default
    /// <see cref="DefaultWaitLimit"/> (10 minutes); more than 0 and at most 1 day (PB0027).
    /// </summary>
    public TimeSpan IdleTimeout { get; init; } = DefaultWaitLimit;

    /// <summary>
    /// Functions the model may call, sent as the request's <c>tools</c> (chat APIs only, PB0055); a
    /// <see cref="FunctionCallDataset"/> row's own tools replace them. Default: none.
    /// </summary>
    public IReadOnlyList<ToolFunction> Tools { get; init; } = Array.Empty<ToolFunction>();

    /// <summary>
    /// The request's <c>tool_choice</c>: <c>"auto"</c>, <c>"none"</c>, <c>"required"</c>, or the name of one of
    /// <see cref="Tools"/> to force that function (PB0058). Null sends none (the server's default: auto).
    /// </summary>
    public string? ToolChoice { get; init; }

    /// <summary>Generation arguments passed through verbatim (reference: <c>generation_kwargs</c>).</summary>
    public GenerationArgs Generation { get; init; } = GenerationArgs.Empty;

    /// <summary>The default <see cref="HeaderTimeout"/> and <see cref="IdleTimeout"/>: 10 minutes, so a hung server ends the run.</summary>
    public static TimeSpan DefaultWaitLimit => TimeSpan.FromMinutes(10);

    /// <summary>True when this endpoint is served by the built-in simulated server.</summary>
    public bool IsSimulated => Url is null && Host is null;

    /// <summary>Streaming chat completions, the reference's <c>vllm_api_stream_chat</c>.</summary>
    public static ModelEndpoint StreamChat(string abbr) => new(abbr) { Api = ApiKind.StreamChat };

    /// <summary>Non-streaming chat completions, the reference's <c>vllm_api_general_chat</c>.</summary>
    public static ModelEndpoint Chat(string abbr) => new(abbr) { Api = ApiKind.Chat };

    /// <summary>Streaming text completions, the reference's <c>vllm_api_general_stream</c>.</summary>
    public static ModelEndpoint StreamCompletions(string abbr) => new(abbr) { Api = ApiKind.StreamCompletions };

    /// <summary>Non-streaming text completions, the reference's <c>vllm_api_general</c>.</summary>
    public static ModelEndpoint Completions(string abbr) => new(abbr) { Api = ApiKind.Completions };

    /// <summary>MindIE's native stream API, <c>POST /infer</c> (reference: <c>mindie_stream_api_general</c>).</summary>
    public static ModelEndpoint MindieStream(string abbr) => new(abbr) { Api = ApiKind.MindieStream };

    /// <summary>TGI's <c>POST /generate</c>, not streamed (reference: <c>tgi_api_general</c>).</summary>
    public static ModelEndpoint Tgi(string abbr) => new(abbr) { Api = ApiKind.Tgi };

    /// <summary>TGI's <c>POST /generate_stream</c> (reference: <c>tgi_stream_api_general</c>).</summary>
    public static ModelEndpoint TgiStream(string abbr) => new(abbr) { Api = ApiKind.TgiStream };

    /// <summary>Triton's <c>POST /v2/models/&lt;model&gt;/generate</c>, not streamed (reference: <c>triton_api_general</c>).</summary>
    public static ModelEndpoint Triton(string abbr) => new(abbr) { Api = ApiKind.Triton };

    /// <summary>Triton's <c>POST /v2/models/&lt;model&gt;/generate_stream</c> (reference: <c>triton_stream_api_general</c>).</summary>
    public static ModelEndpoint TritonStream(string abbr) => new(abbr) { Api = ApiKind.TritonStream };
    /// <summary>
    /// Non-streaming chat for function calls, the reference's <c>vllm_api_function_call_chat</c>
    /// (<c>max_out_len</c> 10240); the tools come from <see cref="Tools"/> or a <see cref="FunctionCallDataset"/>.
    /// </summary>
    public static ModelEndpoint FunctionCallChat(string abbr) => new(abbr) { Api = ApiKind.Chat, MaxOutLen = 10240 };

    /// <summary>
    /// Streaming chat for function calls: <see cref="FunctionCallChat"/> with <c>stream: true</c>, so the call's
    /// arguments arrive in pieces and time to first token counts the first piece.
    /// </summary>
    public static ModelEndpoint StreamFunctionCallChat(string abbr) => new(abbr) { Api = ApiKind.StreamChat, MaxOutLen = 10240 };

    /// <summary>
    /// Streaming chat for multi-turn sessions, the reference's <c>vllm_api_stream_chat_multiturn</c>
    /// (<c>max_out_len</c> 512): pair it with a <see cref="MultiTurnDataset"/> or a multi-turn <see cref="ShareGptDataset"/>.
    /// </summary>
    public static ModelEndpoint StreamChatMultiTurn(string abbr) => new(abbr) { Api = ApiKind.StreamChat, MaxOutLen = 512 };

    /// <summary>A copy that offers <paramref name="tools"/> to the model, with an optional <c>tool_choice</c>.</summary>
    public ModelEndpoint WithTools(IReadOnlyList<ToolFunction> tools, string? toolChoice = null) => this with { Tools = tools, ToolChoice = toolChoice };

    /// <summary>True for the streaming API kinds.</summary>
    public bool IsStreaming => Api is ApiKind.StreamChat or ApiKind.StreamCompletions or ApiKind.MindieStream or ApiKind.TgiStream or ApiKind.TritonStream;

    /// <summary>A copy that sends to <paramref name="url"/>.</summary>
    public ModelEndpoint WithUrl(string url) => this with { Url = url };

    /// <summary>A copy with the served model name.</summary>
    public ModelEndpoint WithModel(string model) => this with { Model = model };

    /// <summary>A copy with a concurrency limit.</summary>
    public ModelEndpoint WithConcurrency(int concurrency) => this with { Concurrency = concurrency };

    /// <summary>A copy paced at <paramref name="requestsPerSecond"/> with the given gamma burstiness.</summary>
    public ModelEndpoint WithRequestRate(double requestsPerSecond, double burstiness = 1.0) => this with { RequestRate = requestsPerSecond, Burstiness = burstiness };

    /// <summary>A copy with generation arguments changed by <paramref name="change"/>.</summary>
    public ModelEndpoint WithGeneration(Func<GenerationArgs, GenerationArgs> change) => this with { Generation = change(Generation) };
}
