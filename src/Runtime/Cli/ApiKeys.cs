using System;
using PodBench.Dsl;

namespace PodBench.Runtime.Cli;

/// <summary>Reads an endpoint's API key when the runner starts. The key is never printed, logged or written.</summary>
public static class ApiKeys
{
    /// <summary>The key, or null when none is configured or the variable is unset or empty.</summary>
    public static string? Resolve(ApiKey key)
    {
        if (key.Literal is { Length: > 0 } literal)
        {
            return literal;
        }

        return key.EnvironmentVariable is { Length: > 0 } name && Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;
    }
}
