namespace PodBench.Dsl;

/// <summary>The OpenAI-compatible API an endpoint is driven through.</summary>
public enum ApiKind
{
    /// <summary><c>POST /v1/chat/completions</c> with <c>stream: true</c> (reference: <c>vllm_api_stream_chat</c>).</summary>
    StreamChat,

    /// <summary><c>POST /v1/chat/completions</c> without streaming (reference: <c>vllm_api_general_chat</c>).</summary>
    Chat,

    /// <summary><c>POST /v1/completions</c> with <c>stream: true</c> (reference: <c>vllm_api_general_stream</c>).</summary>
    StreamCompletions,

    /// <summary><c>POST /v1/completions</c> without streaming (reference: <c>vllm_api_general</c>).</summary>
    Completions,
}
