namespace PodBench.Dsl;

/// <summary>
/// Where an endpoint's API key comes from. Keys are read when the runner starts, sent as
/// <c>Authorization: Bearer</c>, and never written to an output file, a log or a report.
/// </summary>
public sealed record ApiKey
{
    private ApiKey(string? environmentVariable, string? literal)
    {
        EnvironmentVariable = environmentVariable;
        Literal = literal;
    }

    /// <summary>The default: the variable <c>BENCHMARK_API_KEY</c>; no key is sent when it is unset.</summary>
    public static ApiKey Default { get; } = new("BENCHMARK_API_KEY", null);

    /// <summary>No key is sent.</summary>
    public static ApiKey None { get; } = new(null, null);

    /// <summary>The name of the environment variable holding the key, if any.</summary>
    public string? EnvironmentVariable { get; }

    /// <summary>A key written into the plan itself (discouraged; the compiler warns).</summary>
    public string? Literal { get; }

    /// <summary>Reads the key from the named environment variable when the runner starts.</summary>
    public static ApiKey FromEnvironment(string variable) => new(variable, null);

    /// <summary>Uses a key written in the plan. Plans are reviewed and committed: prefer <see cref="FromEnvironment"/>.</summary>
    public static ApiKey FromLiteral(string key) => new(null, key);

    /// <inheritdoc />
    public override string ToString() => EnvironmentVariable is null ? (Literal is null ? "none" : "literal(***)") : "env:" + EnvironmentVariable;
}
