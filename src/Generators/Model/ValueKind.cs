namespace PodBench.Generators.Model;

/// <summary>What the compiler knows about a value written in a plan.</summary>
internal enum ValueKind
{
    /// <summary>Computed at run time: the checks skip it.</summary>
    Unknown,

    /// <summary>The null literal.</summary>
    Null,

    /// <summary>A number, string, boolean or enum member known at compile time.</summary>
    Constant,

    /// <summary>An object of a plan type whose properties set in the code are known.</summary>
    Object,

    /// <summary>A list (collection expression or array) whose items are known one by one.</summary>
    List,
}
