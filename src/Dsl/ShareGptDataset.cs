namespace PodBench.Dsl;

/// <summary>
/// A ShareGPT-format file, as vLLM's and SGLang's clients and GuideLLM read it: a JSON array of entries, or JSONL with
/// one entry per line, each <c>{"conversations": [{"from": "human", "value": "..."}, {"from": "gpt", "value": "..."}, ...]}</c>.
/// The prompt is the first human turn (<c>human</c> or <c>user</c>) and the request's <c>max_tokens</c> the length of the
/// model turn right after it (<c>gpt</c>, <c>assistant</c>, <c>chatgpt</c>, <c>bard</c>, <c>bing</c>), as vLLM's loader
/// does with the first two turns. Entries without such a pair are skipped and counted, as vLLM skips entries of
/// fewer than two turns; an entry that is not shaped so is an error naming its line. With <see cref="MultiTurn"/> each
/// entry is a session of every human turn followed by a model turn, in order.
/// </summary>
/// <param name="Abbr">Unique name of the dataset.</param>
/// <param name="Path">The <c>.json</c> or <c>.jsonl</c> file; relative paths are resolved against the plan project folder.</param>
public sealed record ShareGptDataset(string Abbr, string Path) : PromptFileDataset(Abbr, Path)
{
    /// <summary>
    /// Send each entry as a multi-turn session: its first pair as today, then every later human turn that a model
    /// turn follows, each carrying the history (the earlier user turns and the server's actual replies) with the
    /// length of the file's reply as its <c>max_tokens</c> (or <see cref="PromptFileDataset.OutputLen"/>). The
    /// filters and the draw apply to the first pair. Needs a chat endpoint. Default false: the first pair only.
    /// </summary>
    public bool MultiTurn { get; init; }

    /// <summary>With <see cref="MultiTurn"/>: the pause between a reply's end and the session's next turn. Default none.</summary>
    public System.TimeSpan ThinkTime { get; init; } = System.TimeSpan.Zero;
}
