namespace PodBench.Runtime.Merge;

/// <summary>
/// Where a pod process's time went (the manifest's <c>timings</c>): when the process started and its load ended (ns
/// since the Unix epoch on the pod's UTC axis), and its CPU before the measured phase, under load and after the load
/// up to the manifest. The merge turns them into the run's wall-time breakdown (<see cref="WallTime"/>).
/// </summary>
/// <param name="ProcessStartedUtcNs">When the pod's process started.</param>
/// <param name="LoadEndedUtcNs">When its last task's last request finished; null when no task ran.</param>
/// <param name="CpuBeforeSeconds">CPU before the measured phase opened (start-up, rows, warm-up, barrier).</param>
/// <param name="CpuUnderLoadSeconds">CPU from the measured phase's start to the end of the load.</param>
/// <param name="CpuAfterSeconds">CPU after the load, up to the manifest (files, Parquet, summary).</param>
public sealed record PodTimings(long ProcessStartedUtcNs, long? LoadEndedUtcNs, double CpuBeforeSeconds, double CpuUnderLoadSeconds, double CpuAfterSeconds);
