using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading;

namespace PodBench.Fuzz;

/// <summary>
/// Mutation fuzzing of one target for a duration or a number of inputs. Inputs run on a worker thread watched by
/// the caller's thread: an input running longer than the per-input timeout is reported as a hang.
/// </summary>
public static class FuzzRunner
{
    private const int CorpusLimit = 512;

    public static FuzzReport Run(IFuzzTarget target, FuzzOptions options)
    {
        var findings = new List<Finding>();
        var corpus = new List<byte[]>(target.Seeds);
        var random = new Random(options.Seed);
        var mutator = new Mutator(random, target.Dictionary, options.MaxInputBytes);
        var stopwatch = Stopwatch.StartNew();
        long iterations = 0, accepted = 0;
        byte[] current = [];
        long currentStart = -1;
        var stop = false;
        var worker = new Thread(() =>
        {
            var seedIndex = 0;
            while (!Volatile.Read(ref stop) && stopwatch.Elapsed < options.Duration && (options.Iterations is not { } max || iterations < max))
            {
                var input = seedIndex < target.Seeds.Count ? target.Seeds[seedIndex++] : mutator.Mutate(corpus[random.Next(corpus.Count)], corpus);
                Volatile.Write(ref current, input);
                Volatile.Write(ref currentStart, stopwatch.ElapsedTicks);
                try
                {
                    if (target.Run(input))
                    {
                        accepted++;
                        if (corpus.Count < CorpusLimit && random.Next(8) == 0)
                        {
                            corpus.Add(input);
                        }
                    }
                }
                catch (FuzzFailure e)
                {
                    lock (findings)
                    {
                        findings.Add(new Finding(target.Name, "invariant", e.Message, input));
                    }
                }
                catch (Exception e)
                {
                    lock (findings)
                    {
                        findings.Add(new Finding(target.Name, "crash", e.ToString(), input));
                    }
                }

                Volatile.Write(ref currentStart, -1);
                iterations++;
                if (findings.Count > 0)
                {
                    break;
                }
            }
        })
        { IsBackground = true, Name = "fuzz-" + target.Name };
        worker.Start();
        while (!worker.Join(50))
        {
            var started = Volatile.Read(ref currentStart);
            if (started >= 0 && Stopwatch.GetElapsedTime(0, stopwatch.ElapsedTicks - started) > options.PerInputTimeout)
            {
                Volatile.Write(ref stop, true);
                lock (findings)
                {
                    findings.Add(new Finding(target.Name, "hang", $"one input ran longer than {options.PerInputTimeout.TotalMilliseconds} ms", Volatile.Read(ref current)));
                }

                break;
            }
        }

        var report = new FuzzReport(target.Name, iterations, accepted, stopwatch.Elapsed, options.Seed, findings.ToArray());
        Save(report, options.FindingsFolder);
        return report;
    }

    private static void Save(FuzzReport report, string? folder)
    {
        if (folder is null)
        {
            return;
        }

        for (var i = 0; i < report.Findings.Count; i++)
        {
            var finding = report.Findings[i];
            Directory.CreateDirectory(folder);
            var stem = Path.Combine(folder, $"{finding.Target}-{finding.Kind}-seed{report.Seed}-{i}");
            File.WriteAllBytes(stem + ".input", finding.Input);
            File.WriteAllText(stem + ".txt", finding.Message);
        }
    }
}
