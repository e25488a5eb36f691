namespace PodBench.Dsl;

/// <summary>
/// A JSONL file of function-call requests, each line carrying its own tools (the reference's BFCL datasets, paired
/// with <c>vllm_api_function_call_chat</c>): <c>{"id": "simple_0", "question": [[{"role": "user", "content":
/// "..."}]], "function": [{"name", "description", "parameters"}]}</c>. The first turn's messages are sent; the
/// functions become the request's <c>tools</c> (BFCL's Python type names such as <c>dict</c> or <c>float</c> mapped to
/// JSON schema, dots in names to <c>_</c>, as the reference converts them). A line may instead give <c>prompt</c> (a
/// string) and <c>tools</c> (OpenAI <c>{"type": "function", "function": {...}}</c> entries, sent as they are), and
/// optionally <c>output_len</c>. Needs a chat endpoint; the request's tools replace the endpoint's
/// <see cref="ModelEndpoint.Tools"/>.
/// </summary>
/// <param name="Abbr">Unique name of the dataset.</param>
/// <param name="Path">The JSONL file; relative paths are resolved against the plan project folder.</param>
public sealed record FunctionCallDataset(string Abbr, string Path) : PromptFileDataset(Abbr, Path);
