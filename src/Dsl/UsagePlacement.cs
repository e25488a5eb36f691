namespace PodBench.Dsl;

/// <summary>Where the built-in simulated server reports token usage in a stream.</summary>
public enum UsagePlacement
{
    /// <summary>
    /// A final chunk with <c>"choices": []</c> and <c>usage</c>, sent when the request asks for it with
    /// <c>stream_options.include_usage</c> (vLLM, SGLang, OpenAI).
    /// </summary>
    SeparateChunk,

    /// <summary><c>usage</c> inside the last chunk that has choices and <c>finish_reason</c>, always (llama.cpp).</summary>
    InLastChoiceChunk,

    /// <summary>No usage anywhere, so the client must count tokens itself (TGI, Triton).</summary>
    None,
}
