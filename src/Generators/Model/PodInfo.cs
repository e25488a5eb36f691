namespace PodBench.Generators.Model;

/// <summary>One pod and its tasks, as the emitted code lists them.</summary>
internal sealed record PodInfo(int Index, EquatableArray<TaskInfo> Tasks);
