using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using PodBench.Dsl;
using PodBench.Runtime.Planning;

namespace PodBench.Runtime.Cli;

/// <summary>
/// Finds the files every pod's tasks read (dataset files, tokenizers, CA certificates) that do not exist, before any
/// pod sends a request: otherwise one pod fails after the others ran. <c>list --check</c> (which
/// <c>RunBenchmark</c> asks before it starts the pods) and <c>run</c> check them.
/// </summary>
internal static class PlanFilesCheck
{
    /// <summary>The error code of a missing file (docs/settings.md).</summary>
    public const string Code = "PB0102";

    /// <summary>Throws <see cref="UsageException"/> naming every missing file and the plan member that names it.</summary>
    public static void Check(RunnerContext context)
    {
        var names = new PlanMemberNames(context.Plan);
        var missing = new List<string>();
        var seen = new HashSet<(string, string)>();
        foreach (var task in context.Pods.SelectMany(p => p.Tasks))
        {
            var dataset = names.Of(task.Dataset, $"Datasets[{IndexOf(context.Plan.Datasets, task.Dataset)}]");
            foreach (var property in task.Dataset.GetType().GetProperties())
            {
                if (property.PropertyType == typeof(string) && property.Name.EndsWith("Path", StringComparison.Ordinal) && property.GetValue(task.Dataset) is string path)
                {
                    Add(dataset, property.Name, path, $"dataset \"{task.Dataset.Abbr}\"");
                }
            }

            var model = names.Of(task.Model, $"Models[{IndexOf(context.Plan.Models, task.Model)}]");
            Add(model, nameof(ModelEndpoint.TokenizerPath), task.Model.TokenizerPath, $"model \"{task.Model.Abbr}\"");
            Add(model, nameof(ModelEndpoint.Tls) + "." + nameof(TlsOptions.CaCertificatePath), task.Model.Tls.CaCertificatePath, $"model \"{task.Model.Abbr}\"");
        }

        if (missing.Count > 0)
        {
            throw new UsageException((missing.Count == 1 ? missing[0] : $"{missing.Count} files of the plan do not exist:\n  " + string.Join("\n  ", missing))
                + "\nNo pod was started: every pod's files are checked before any request is sent.", Code);
        }

        void Add(string member, string property, string? path, string what)
        {
            if (string.IsNullOrWhiteSpace(path) || !seen.Add((member + "." + property, path)))
            {
                return;
            }

            // a TokenizerPath is a folder (with tokenizer.json), the other paths are files
            var full = Path.GetFullPath(path, Path.GetFullPath(context.BaseDirectory));
            if (!File.Exists(full) && !(property == nameof(ModelEndpoint.TokenizerPath) && File.Exists(Path.Combine(full, "tokenizer.json"))))
            {
                missing.Add($"{path}: file not found ({member}.{property} of {what}, looked at {full})");
            }
        }
    }

    private static int IndexOf<T>(IReadOnlyList<T> items, T item)
        where T : class
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (ReferenceEquals(items[i], item))
            {
                return i;
            }
        }

        return -1;
    }
}
