using System;
using System.IO;
using System.Linq;

#pragma warning disable CA1050 // a startup hook is found by this exact name, outside any namespace

/// <summary>
/// A .NET startup hook (<c>DOTNET_STARTUP_HOOKS</c> naming this test assembly): a runner started with it writes the
/// names of every assembly it loaded to the file <see cref="Variable"/> names when it exits, so a test can see what a
/// verb loads in a real process of its own (issue 17: a merge loads no Kestrel).
/// </summary>
internal static class StartupHook
{
    /// <summary>The variable naming the file the names go to.</summary>
    public const string Variable = "PODBENCH_TEST_LOADED_ASSEMBLIES";

    /// <summary>Called by the runtime before the runner's Main.</summary>
    public static void Initialize()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } path)
        {
            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
                File.WriteAllLines(path, AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetName().Name ?? "").Order(StringComparer.Ordinal));
        }
    }
}
