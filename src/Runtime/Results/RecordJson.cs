using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace PodBench.Runtime.Results;

/// <summary>The three line formats a task writes: details, failed, and the db_data journal.</summary>
internal static class RecordJson
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false };

    /// <summary>One compatible details line, keys in the reference's order (reference-aisbench.md section 2).</summary>
    public static void WriteDetails(ArrayBufferWriter<byte> buffer, RequestRecord r, long row, string dbName)
    {
        using (var w = new Utf8JsonWriter(buffer, Options))
        {
            w.WriteStartObject();
            w.WriteString("data_abbr", r.DataAbbr);
            w.WriteNumber("id", r.Id);
            w.WriteBoolean("success", r.Success);
            w.WriteString("error_info", r.ErrorInfo ?? "");
            w.WriteStartObject("time_points");
            w.WriteNumber("__db_ref__", row);
            w.WriteEndObject();
            w.WriteNumber("input_tokens", r.InputTokens);
            w.WriteNumber("output_tokens", r.OutputTokens);
            w.WriteStartObject("extra_perf_data");
            w.WriteString("model_abbr", r.ModelAbbr);
            w.WriteNumber("pod", r.Pod);
            w.WriteNumber("scheduled_ns", r.ScheduledNs);
            w.WriteString("usage_source", r.UsageSource ?? "");
            w.WriteNumber("attempts", r.Attempts);
            w.WriteNumber("http_status", r.HttpStatus);
            w.WriteBoolean("stream", r.Stream);
            w.WriteEndObject();
            w.WriteStartObject("extra_details_data");
            w.WriteEndObject();
            w.WriteString("input", r.Input ?? "");
            w.WriteString("uuid", r.Uuid);
            w.WriteNumber("turn_id", r.TurnId);
            if (r.DataId is null)
            {
                w.WriteNull("data_id");
            }
            else
            {
                w.WriteString("data_id", r.DataId);
            }

            w.WriteString("prediction", r.Prediction ?? "");
            w.WriteString("db_name", dbName);
            w.WriteEndObject();
        }

        buffer.Write("\n"u8);
    }

    /// <summary>One <c>_failed.jsonl</c> line: data_abbr, id, input, error_info.</summary>
    public static void WriteFailed(ArrayBufferWriter<byte> buffer, RequestRecord r)
    {
        using (var w = new Utf8JsonWriter(buffer, Options))
        {
            w.WriteStartObject();
            w.WriteString("data_abbr", r.DataAbbr);
            w.WriteNumber("id", r.Id);
            w.WriteString("input", r.Input ?? "");
            w.WriteString("error_info", r.ErrorInfo ?? "");
            w.WriteEndObject();
        }

        buffer.Write("\n"u8);
    }

    /// <summary>One db_data journal line: row, uuid, the readings and which of them carried no content.</summary>
    public static void WriteJournal(ArrayBufferWriter<byte> buffer, RequestRecord r, long row)
    {
        using (var w = new Utf8JsonWriter(buffer, Options))
        {
            w.WriteStartObject();
            w.WriteNumber("row", row);
            w.WriteString("uuid", r.Uuid);
            w.WriteStartArray("time_points_ns");
            foreach (var t in r.TimePointsNs ?? [])
            {
                w.WriteNumberValue(t);
            }

            w.WriteEndArray();
            w.WriteStartArray("server_time_points_ns");
            foreach (var t in r.ServerTimePointsNs ?? [])
            {
                w.WriteNumberValue(t);
            }

            w.WriteEndArray();
            w.WriteStartArray("noncontent_readings");
            foreach (var i in r.NonContentReadings ?? [])
            {
                w.WriteNumberValue(i);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        buffer.Write("\n"u8);
    }
}
