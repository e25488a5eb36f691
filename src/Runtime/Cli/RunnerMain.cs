using System;
using PodBench.Dsl;
using PodBench.Runtime.Planning;

namespace PodBench.Runtime.Cli;

/// <summary>
/// PLACEHOLDER from the generator branch so the generated <c>Main</c> compiles; the lead's real verb dispatcher
/// replaces this file (same signature).
/// </summary>
public static class RunnerMain
{
    /// <summary>Runs the verb in <paramref name="args"/> on <paramref name="plan"/>; returns the process exit code.</summary>
    public static int Run(BenchmarkPlan plan, GeneratedPlan generated, string[] args)
    {
        try
        {
            foreach (var pod in PlanResolver.Resolve(plan))
            {
                Console.WriteLine($"pod {pod.Index}: {string.Join(", ", Array.ConvertAll(System.Linq.Enumerable.ToArray(pod.Tasks), t => t.Name))}");
            }

            return 0;
        }
        catch (PlanException e)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }
    }
}
