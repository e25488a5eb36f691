using System;
using System.IO;
using System.Net.Http;
using System.Text.Json;

namespace PodBench.Runtime.Engine;

/// <summary>A failed request's error text (the record's error_info) and its reason for the reason -> count table.</summary>
internal static class RequestErrors
{
    /// <summary>The error text of an attempt that threw <paramref name="e"/>.</summary>
    public static string Describe(Exception e) => e switch
    {
        TimeoutException t => t.Message,
        JsonException j => "invalid JSON in a server-sent event: " + j.Message,
        HttpRequestException h => "connection error: " + Flatten(h),
        IOException io => "the stream broke: " + Flatten(io),
        OperationCanceledException => "the request was cancelled",
        _ => e.GetType().Name + ": " + e.Message,
    };

    /// <summary>A failure's reason for the reason -> count table: the text without a body excerpt.</summary>
    public static string Reason(string error)
    {
        if (error.StartsWith("HTTP ", StringComparison.Ordinal))
        {
            var colon = error.IndexOf(':', StringComparison.Ordinal);
            return colon > 0 ? error[..colon] : error;
        }

        return error.Length <= 160 ? error : error[..160];
    }

    /// <summary>The error text with the API key taken out.</summary>
    public static string Redact(string error, string? apiKey) => KeyRedaction.Redact(error, apiKey);

    private static string Flatten(Exception e) => e.InnerException is { } inner && inner.Message != e.Message ? e.Message + " (" + inner.Message + ")" : e.Message;
}
