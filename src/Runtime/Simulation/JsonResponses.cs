using System.IO;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace PodBench.Runtime.Simulation;

/// <summary>Small JSON answers, and OpenAI-style errors: <c>{"error": {"message", "type", "param", "code"}}</c>.</summary>
internal static class JsonResponses
{
    /// <summary>Answers <paramref name="status"/> with an OpenAI error body.</summary>
    public static Task WriteAsync(HttpContext context, int status, string type, string message, string? param = null)
        => WriteJsonAsync(context, status, ErrorBody(status, type, message, param));

    /// <summary>Answers <paramref name="status"/> with a ready JSON body.</summary>
    public static async Task WriteJsonAsync(HttpContext context, int status, byte[] body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>The error body's bytes.</summary>
    public static byte[] ErrorBody(int status, string type, string message, string? param)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject("error");
            json.WriteString("message", message);
            json.WriteString("type", type);
            if (param is null)
            {
                json.WriteNull("param");
            }
            else
            {
                json.WriteString("param", param);
            }

            json.WriteNumber("code", status);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
