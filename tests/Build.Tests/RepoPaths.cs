using System;
using System.IO;

namespace PodBench.Build.Tests;

/// <summary>Locates the repository (the folder holding Dsl.sln) from the test's output folder.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = Find();

    public static string MultiPodProject => Path.Combine(Root, "examples", "MultiPod", "MultiPod.csproj");

    private static string Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Dsl.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Dsl.sln not found above " + AppContext.BaseDirectory);
    }
}
