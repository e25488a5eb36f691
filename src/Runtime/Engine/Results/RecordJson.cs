using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using PodBench.Runtime.Results.Reference;

namespace PodBench.Runtime.Results;

/// <summary>The three line formats a task writes: details, failed, and the db_data journal.</summary>
internal static class RecordJson
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false };

    /// <summary>
    /// One compatible details line, keys in the reference's order and bytes as the reference writes them (Python's
    /// <c>json.dumps</c>: <c>", "</c> and <c>": "</c>; reference-aisbench.md section 2). <c>data_id</c> is the
    /// dataset's own id when it has one, else the request's dataset row, as the reference's is.
    /// </summary>
    public static void WriteDetails(ArrayBufferWriter<byte> buffer, RequestRecord r, long row, string dbName)
    {
        var w = new PythonJsonWriter(buffer);
        w.StartObject();
        w.String("data_abbr", r.DataAbbr);
        w.Number("id", r.Id);
        w.Boolean("success", r.Success);
        w.String("error_info", r.ErrorInfo ?? "");
        w.StartObject("time_points");
        w.Number("__db_ref__", row);
        w.EndObject();
        w.Number("input_tokens", r.InputTokens);
        w.Number("output_tokens", r.OutputTokens);
        w.StartObject("extra_perf_data");
        w.String("model_abbr", r.ModelAbbr);
        w.Number("pod", r.Pod);
        w.Number("scheduled_ns", r.ScheduledNs);
        w.String("usage_source", r.UsageSource ?? "");
        w.Number("attempts", r.Attempts);
        w.Number("http_status", r.HttpStatus);
        w.Boolean("stream", r.Stream);
        if (r.CachedTokens is { } cached)
        {
            w.Number("cached_tokens", cached);
        }

        w.EndObject();
        w.StartObject("extra_details_data");
        w.EndObject();
        w.String("input", r.Input ?? "");
        w.String("uuid", r.Uuid);
        w.Number("turn_id", r.TurnId);
        if (r.DataId is null)
        {
            w.Number("data_id", r.Id);
        }
        else
        {
            w.String("data_id", r.DataId);
        }

        w.String("prediction", r.Prediction ?? "");
        if (r.ToolCalls is { Count: > 0 } calls)
        {
            w.StartArray("tool_calls");
            foreach (var call in calls)
            {
                w.StartElementObject();
                if (call.Id is not null)
                {
                    w.String("id", call.Id);
                }

                w.String("name", call.Name);
                w.String("arguments", call.Arguments);
                w.EndObject();
            }

            w.EndArray();
        }

        w.String("db_name", dbName);
        w.EndObject();
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
