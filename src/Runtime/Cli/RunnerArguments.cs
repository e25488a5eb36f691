using System;
using System.Collections.Generic;
using System.Linq;
using PodBench.Runtime.Cli.Settings;

namespace PodBench.Runtime.Cli;

/// <summary>
/// The runner's command line: a verb, then <c>--name value</c> options (a flag may omit its value). Unknown
/// options are errors that name the option and list the verb's options; the options of each verb are those of
/// <see cref="RunSettingCatalog"/>.
/// </summary>
public sealed class RunnerArguments
{
    private readonly Dictionary<string, string> _options;

    private RunnerArguments(string verb, Dictionary<string, string> options)
    {
        Verb = verb;
        _options = options;
    }

    /// <summary>The verb: list, run, merge, report, manifests, simulate or help.</summary>
    public string Verb { get; }

    /// <summary>Every verb the runner offers.</summary>
    public static IReadOnlyCollection<string> Verbs => RunSettingCatalog.Verbs;

    /// <summary>Parses <paramref name="args"/>; no arguments means <c>run</c> (every pod, then merge and reports).</summary>
    public static RunnerArguments Parse(IReadOnlyList<string> args)
    {
        var verb = args.Count == 0 ? "run" : args[0];
        if (verb is "-h" or "--help")
        {
            verb = "help";
        }

        if (!RunSettingCatalog.Verbs.Contains(verb))
        {
            throw new UsageException($"'{verb}' is not a verb of this runner; use one of: {string.Join(", ", RunSettingCatalog.Verbs)}.");
        }

        var allowed = RunSettingCatalog.OptionsOf(verb);

        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
            {
                throw new UsageException($"{verb}: unexpected argument '{arg}'; options are written --name value.");
            }

            var name = arg[2..];
            string? value = null;
            var eq = name.IndexOf('=');
            if (eq >= 0)
            {
                value = name[(eq + 1)..];
                name = name[..eq];
            }

            if (!allowed.Contains(name))
            {
                throw new UsageException($"{verb}: unknown option --{name}; its options are: {(allowed.Count == 0 ? "none" : "--" + string.Join(", --", allowed))}.");
            }

            if (value is null)
            {
                var next = i + 1 < args.Count ? args[i + 1] : null;
                if (RunSettingCatalog.ByOption(name)?.Kind == SettingKind.Flag && (next is null || next.StartsWith("--", StringComparison.Ordinal)))
                {
                    value = "true";
                }
                else if (next is null)
                {
                    throw new UsageException($"{verb}: option --{name} needs a value.");
                }
                else
                {
                    value = next;
                    i++;
                }
            }

            if (!options.TryAdd(name, value))
            {
                throw new UsageException($"{verb}: option --{name} is given twice.");
            }
        }

        return new RunnerArguments(verb, options);
    }

    /// <summary>The value of an option, or null when absent.</summary>
    public string? Get(string name) => _options.TryGetValue(name, out var value) ? value : null;

    /// <summary>True when a flag option is present and true.</summary>
    public bool Flag(string name) => SettingParser.Flag("--" + name, Get(name)) ?? false;
}
