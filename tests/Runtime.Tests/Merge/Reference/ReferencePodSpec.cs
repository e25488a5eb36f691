using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using PodBench.Runtime.Tests.Results.Reference;

namespace PodBench.Runtime.Tests.Merge.Reference;

/// <summary>One request of a reference pod: time points in seconds on the pod's own clock; null: its blob was lost.</summary>
public sealed record ReferenceRequest(long Id, bool Success, string ErrorInfo, double[]? TimePoints, int InputTokens = 100, int OutputTokens = 10)
{
    /// <summary>A successful streamed request: start, first event after <paramref name="ttft"/>, then <paramref name="gaps"/> equal gaps.</summary>
    public static ReferenceRequest Streamed(long id, double start, double ttft, int gaps, double gap)
    {
        var points = new List<double> { start, start + ttft };
        for (var i = 0; i < gaps; i++)
        {
            points.Add(points[^1] + gap);
        }

        return new ReferenceRequest(id, true, "", points.ToArray(), OutputTokens: gaps + 1);
    }

    /// <summary>Counted as the reference counts it: a success with at least two time points.</summary>
    public bool Counts => Success && TimePoints is { Length: >= 2 };
}

/// <summary>
/// A pod's output folder of the reference tool, written by Debian's Python with json, sqlite3 and NumPy exactly as the
/// reference's writer writes it (TestData/Reference/make_reference_pod.py): details lines, a failed file, two
/// db_data SQLite files (two worker processes) and the dumped config with the model's batch_size and stream.
/// </summary>
public sealed record ReferencePodSpec(string Folder, string Model, string Dataset, int BatchSize, bool Stream, IReadOnlyList<ReferenceRequest> Requests)
{
    public async Task WriteAsync()
    {
        var spec = new
        {
            folder = Folder,
            model = Model,
            dataset = Dataset,
            batch_size = BatchSize,
            stream = Stream,
            requests = Requests.Select((r, i) => new
            {
                id = r.Id,
                success = r.Success,
                error_info = r.ErrorInfo,
                time_points = r.TimePoints,
                writer = i % 2,
                input_tokens = r.InputTokens,
                output_tokens = r.OutputTokens,
                prediction = "tok é " + r.Id,
            }),
        };
        Directory.CreateDirectory(Folder);
        var specPath = Folder + ".spec.json";
        await File.WriteAllTextAsync(specPath, JsonSerializer.Serialize(spec));
        await DebianPython.RunAsync("make_reference_pod.py", specPath);
    }
}
