using System;
using PodBench.Runtime.Engine;

namespace PodBench.Runtime.Tests.Engine;

/// <summary>A fake tokenizer: one token per space-separated word, plus a fixed offset to tell it apart.</summary>
public sealed class WordCounter : ITokenCounter
{
    public int CountTokens(string text) => 1000 + text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
}
