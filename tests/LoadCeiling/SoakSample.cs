using System;
using System.Diagnostics;
using System.Globalization;

namespace PodBench.LoadCeiling;

/// <summary>One memory reading of the soak.</summary>
internal sealed record SoakSample(double Seconds, double WorkingSetMiB, double HeapSizeMiB, double TotalMemoryMiB, double CommittedMiB, int Gen0, int Gen1, int Gen2, long Requests, long Failed, double CpuSeconds, double ServerWorkingSetMiB, string LoadAverage)
{
    public const string CsvHeader = "seconds,working_set_mib,gc_heap_size_mib,gc_total_memory_mib,gc_committed_mib,gen0,gen1,gen2,requests,failed,client_cpu_s,server_working_set_mib,load1";

    public static SoakSample Take(TimeSpan elapsed, Process self, long requests, long failed, long serverWorkingSet)
    {
        var info = GC.GetGCMemoryInfo();
        return new SoakSample(
            elapsed.TotalSeconds,
            self.WorkingSet64 / 1048576.0,
            info.HeapSizeBytes / 1048576.0,
            GC.GetTotalMemory(false) / 1048576.0,
            info.TotalCommittedBytes / 1048576.0,
            GC.CollectionCount(0),
            GC.CollectionCount(1),
            GC.CollectionCount(2),
            requests,
            failed,
            self.TotalProcessorTime.TotalSeconds,
            serverWorkingSet / 1048576.0,
            SoakRun.LoadAverage().Split(' ')[0]);
    }

    public string ToCsv() => string.Create(CultureInfo.InvariantCulture,
        $"{Seconds:0.0},{WorkingSetMiB:0.0},{HeapSizeMiB:0.0},{TotalMemoryMiB:0.0},{CommittedMiB:0.0},{Gen0},{Gen1},{Gen2},{Requests},{Failed},{CpuSeconds:0.00},{ServerWorkingSetMiB:0.0},{LoadAverage}");

    public string ToConsole() => string.Create(CultureInfo.InvariantCulture,
        $"  t={Seconds,6:0}s ws={WorkingSetMiB,6:0.0}MiB heap={HeapSizeMiB,6:0.0}MiB gen0/1/2={Gen0}/{Gen1}/{Gen2} requests={Requests} failed={Failed} cpu={CpuSeconds:0.0}s server_ws={ServerWorkingSetMiB:0}MiB load={LoadAverage}");
}
