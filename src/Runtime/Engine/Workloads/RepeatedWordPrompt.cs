using System.Collections.Generic;

namespace PodBench.Runtime.Workloads;

/// <summary>The reference's synthetic prompt <c>" ".join(["A"] * n)</c>, one shared string per length.</summary>
internal sealed class RepeatedWordPrompt
{
    private readonly Dictionary<int, string> _byLength = new();

    public string Of(int words)
    {
        if (words <= 0)
        {
            return string.Empty;
        }

        if (!_byLength.TryGetValue(words, out var prompt))
        {
            prompt = string.Create((2 * words) - 1, 0, static (span, _) =>
            {
                for (var i = 0; i < span.Length; i++)
                {
                    span[i] = (i & 1) == 0 ? 'A' : ' ';
                }
            });
            _byLength[words] = prompt;
        }

        return prompt;
    }
}
