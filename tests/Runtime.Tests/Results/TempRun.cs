using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using PodBench.Runtime.Results;

namespace PodBench.Runtime.Tests.Results;

/// <summary>A run folder in the temp folder, deleted after the test; helpers to write hand-built records.</summary>
public sealed class TempRun : IDisposable
{
    /// <summary>A realistic epoch base (ns) so that the arithmetic is done on large values, as in a run.</summary>
    public const long Base = 1_764_000_000_000_000_000;

    public TempRun()
    {
        Root = Path.Combine(Path.GetTempPath(), "podbench-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
        Layout = new RunLayout(Root);
    }

    public string Root { get; }

    public RunLayout Layout { get; }

    /// <summary>A record of model m / dataset d with readings at Base + ms offsets.</summary>
    public static RequestRecord Ms(long id, int inTokens, int outTokens, params double[] ms) => Ns(id, inTokens, outTokens, ms.Select(m => (long)Math.Round(m * 1_000_000)).ToArray());

    public static RequestRecord Ns(long id, int inTokens, int outTokens, params long[] offsetsNs) => new()
    {
        ModelAbbr = "m",
        DataAbbr = "d",
        Id = id,
        Uuid = Guid.NewGuid().ToString("N"),
        Success = true,
        TimePointsNs = offsetsNs.Select(o => Base + o).ToArray(),
        InputTokens = inTokens,
        OutputTokens = outTokens,
        Input = "prompt " + id,
        Prediction = "answer " + id,
        HttpStatus = 200,
    };

    public static RequestRecord Failed(long id, string error, params double[] ms) => new()
    {
        ModelAbbr = "m",
        DataAbbr = "d",
        Id = id,
        Uuid = Guid.NewGuid().ToString("N"),
        Success = false,
        ErrorInfo = error,
        TimePointsNs = ms.Select(m => Base + (long)Math.Round(m * 1_000_000)).ToArray(),
        Input = "prompt " + id,
        HttpStatus = 500,
    };

    /// <summary>Writes the records as pod 0 of task m/d and completes the writer (journal to Parquet).</summary>
    public async Task WriteAsync(IEnumerable<RequestRecord> records, bool complete = true)
    {
        var writer = TaskResultWriter.Open(Layout, 0, "m", "d");
        foreach (var r in records)
        {
            await writer.WriteAsync(r);
        }

        if (complete)
        {
            await writer.CompleteAsync();
        }
        else
        {
            // Leave the journal as a killed process would (files closed, no conversion).
            await writer.CloseWithoutConversionAsync();
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
