namespace PodBench.Dsl;

/// <summary>
/// MT-Bench's <c>question.jsonl</c>, the reference's other multi-turn dataset (<c>mtbench_gen</c>, paired with
/// <c>vllm_api_stream_chat_multiturn</c>): one line per conversation, <c>{"question_id": 81, "category": "writing",
/// "prompt": ["first user message", "second user message"], "reference": [...]}</c> (the HuggingFaceH4 copy; the
/// original's <c>turns</c> is read too). Each line is a multi-turn session: its first message, then each later one
/// carrying the history with the server's actual replies (the reference's "every" mode), every turn with the
/// endpoint's <c>MaxOutLen</c> as <c>max_tokens</c> (the reference's <c>max_out_len</c>) unless
/// <see cref="PromptFileDataset.OutputLen"/> is set. The filters and the draw apply to the first message. Needs a chat
/// endpoint.
/// </summary>
/// <param name="Abbr">Unique name of the dataset.</param>
/// <param name="Path">The JSONL file; relative paths are resolved against the plan project folder.</param>
public sealed record MtBenchDataset(string Abbr, string Path) : PromptFileDataset(Abbr, Path)
{
    /// <summary>The pause between a reply's end and the session's next turn. Default none.</summary>
    public System.TimeSpan ThinkTime { get; init; } = System.TimeSpan.Zero;
}
