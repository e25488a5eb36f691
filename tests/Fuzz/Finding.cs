namespace PodBench.Fuzz;

/// <summary>A crash, broken invariant or hang, with the input that caused it.</summary>
public sealed record Finding(string Target, string Kind, string Message, byte[] Input);
