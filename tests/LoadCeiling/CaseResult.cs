using System;
using PodBench.Runtime.Engine;

namespace PodBench.LoadCeiling;

/// <summary>The figures of one load case.</summary>
internal sealed record CaseResult(string Name, int Concurrency, TaskOutcome Outcome, TimeSpan ClientCpu, TimeSpan ServerCpu, long PeakWorkingSet, long HeapAfter, long Allocated, int Gen0Collections, TimeSpan GcPause)
{
    public double Seconds => Outcome.Elapsed.TotalSeconds;

    public double RequestsPerSecond => Outcome.Succeeded / Seconds;

    public double ChunksPerSecond => Outcome.Events / Seconds;

    /// <summary>Bytes the client allocated per request (every thread, the load case only).</summary>
    public double AllocatedPerRequest => Outcome.Succeeded + Outcome.Failed == 0 ? 0 : (double)Allocated / (Outcome.Succeeded + Outcome.Failed);

    public double ClientCpuUsPerChunk => Outcome.Events == 0 ? 0 : ClientCpu.TotalMicroseconds / Outcome.Events;

    public static string Header => "case                 conc   time_s      req/s     chunks/s  cli_us/chunk  cli_cpu%  srv_cpu%  lag_p50_us  lag_p99_us  lag_p999_us  send_p99_us  failed  max_inflight  peak_ws_MiB  heap_MiB  alloc_KB/req  gen0  gc_pause_ms  pause_mean_ms";

    public override string ToString() => string.Create(
        System.Globalization.CultureInfo.InvariantCulture,
        $"{Name,-20} {Concurrency,5} {Seconds,8:0.00} {RequestsPerSecond,10:0} {ChunksPerSecond,12:0} {ClientCpuUsPerChunk,13:0.00} {100 * ClientCpu.TotalSeconds / Seconds,9:0} {100 * ServerCpu.TotalSeconds / Seconds,9:0} {Outcome.ClientLag.P50Us,11:0} {Outcome.ClientLag.P99Us,11:0} {Outcome.ClientLag.P999Us,12:0} {(Outcome.SendLag.Count == 0 ? double.NaN : Outcome.SendLag.P99Us),12:0} {Outcome.Failed,7} {Outcome.MaxInFlight,13} {PeakWorkingSet / 1048576.0,12:0} {HeapAfter / 1048576.0,9:0} {AllocatedPerRequest / 1024,13:0.0} {Gen0Collections,5} {GcPause.TotalMilliseconds,12:0.0} {(Gen0Collections == 0 ? 0 : GcPause.TotalMilliseconds / Gen0Collections),14:0.00}");
}
