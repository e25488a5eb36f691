namespace PodBench.Runtime.Engine;

/// <summary>Counts tokens of a text, used when the server reports no usage. Implementations must be thread-safe.</summary>
public interface ITokenCounter
{
    /// <summary>The number of tokens of <paramref name="text"/>.</summary>
    int CountTokens(string text);
}
