using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace PodBench.Dsl;

/// <summary>
/// Generation arguments passed through verbatim into every request body (reference: <c>generation_kwargs</c>).
/// Values are JSON fragments; typed helpers cover the common ones. Later entries replace earlier ones of the
/// same name, and these override the body's own fields (as in the reference).
/// </summary>
public sealed class GenerationArgs : IEquatable<GenerationArgs>
{
    private readonly KeyValuePair<string, string>[] _entries;

    private GenerationArgs(KeyValuePair<string, string>[] entries) => _entries = entries;

    /// <summary>No arguments.</summary>
    public static GenerationArgs Empty { get; } = new(new KeyValuePair<string, string>[0]);

    /// <summary>The arguments as (name, JSON fragment) pairs, in declaration order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Entries => _entries;

    /// <summary>A copy with <paramref name="name"/> set to the raw JSON <paramref name="json"/>.</summary>
    public GenerationArgs WithJson(string name, string json)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("A generation argument needs a name.", nameof(name));
        }

        var list = _entries.Where(e => e.Key != name).ToList();
        list.Add(new KeyValuePair<string, string>(name, json));
        return new GenerationArgs(list.ToArray());
    }

    /// <summary>A copy with a number argument.</summary>
    public GenerationArgs With(string name, double value) => WithJson(name, value.ToString("R", CultureInfo.InvariantCulture));

    /// <summary>A copy with an integer argument.</summary>
    public GenerationArgs With(string name, long value) => WithJson(name, value.ToString(CultureInfo.InvariantCulture));

    /// <summary>A copy with a boolean argument.</summary>
    public GenerationArgs With(string name, bool value) => WithJson(name, value ? "true" : "false");

    /// <summary>A copy with a string argument.</summary>
    public GenerationArgs With(string name, string value) => WithJson(name, JsonText.Quote(value));

    /// <summary>Sampling temperature.</summary>
    public GenerationArgs WithTemperature(double value) => With("temperature", value);

    /// <summary>Nucleus sampling mass.</summary>
    public GenerationArgs WithTopP(double value) => With("top_p", value);

    /// <summary>Top-k sampling.</summary>
    public GenerationArgs WithTopK(int value) => With("top_k", (long)value);

    /// <summary>Keep generating past the end-of-sequence token, so outputs have exactly <c>max_tokens</c> tokens (vLLM).</summary>
    public GenerationArgs WithIgnoreEos(bool value = true) => With("ignore_eos", value);

    /// <summary>A lower bound on generated tokens (vLLM <c>min_tokens</c>).</summary>
    public GenerationArgs WithMinTokens(int value) => With("min_tokens", (long)value);

    /// <summary>Repetition penalty.</summary>
    public GenerationArgs WithRepetitionPenalty(double value) => With("repetition_penalty", value);

    /// <summary>Sampling seed sent to the server.</summary>
    public GenerationArgs WithSeed(long value) => With("seed", value);

    /// <inheritdoc />
    public bool Equals(GenerationArgs? other) => other is not null && _entries.SequenceEqual(other._entries);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as GenerationArgs);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = 17;
        foreach (var e in _entries)
        {
            hash = (hash * 31) + e.Key.GetHashCode();
            hash = (hash * 31) + e.Value.GetHashCode();
        }

        return hash;
    }

    /// <inheritdoc />
    public override string ToString() => "{" + string.Join(", ", _entries.Select(e => JsonText.Quote(e.Key) + ": " + e.Value)) + "}";
}
