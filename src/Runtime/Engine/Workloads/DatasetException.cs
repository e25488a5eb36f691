using System;
using System.Collections.Generic;
using System.Linq;

namespace PodBench.Runtime.Workloads;

/// <summary>
/// A dataset cannot be used: a malformed line (the message names the file and the 1-based line, e.g.
/// <c>data/qa.jsonl(17): "question" is missing</c>), a missing file or tokenizer, or an invalid plan member.
/// Raised while loading, before any request is sent.
/// </summary>
public sealed class DatasetException : Exception
{
    private const int ListedProblems = 20;

    /// <summary>An error about the dataset as a whole.</summary>
    public DatasetException(string message)
        : this(message, [message])
    {
    }

    /// <summary>An error about the dataset as a whole, with its cause.</summary>
    public DatasetException(string message, Exception inner)
        : base(message, inner)
    {
        Problems = [message];
    }

    private DatasetException(string message, IReadOnlyList<string> problems)
        : base(message)
    {
        Problems = problems;
    }

    /// <summary>Every problem found, one per malformed line (<c>file(line): what</c>).</summary>
    public IReadOnlyList<string> Problems { get; }

    /// <summary>One exception for all the malformed lines of <paramref name="file"/>; the message lists the first ones.</summary>
    internal static DatasetException ForLines(string file, IReadOnlyList<string> problems)
    {
        if (problems.Count == 1)
        {
            return new DatasetException(problems[0], problems);
        }

        var listed = string.Join(Environment.NewLine, problems.Take(ListedProblems).Select(p => "  " + p));
        var more = problems.Count > ListedProblems ? $"{Environment.NewLine}  ... and {problems.Count - ListedProblems} more" : string.Empty;
        return new DatasetException($"{file}: {problems.Count} malformed lines:{Environment.NewLine}{listed}{more}", problems);
    }
}
