using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;
using PodBench.Dsl;
using PodBench.Runtime.Engine;

namespace PodBench.Runtime.Workloads;

/// <summary>
/// Reads a custom QA JSONL file (reference: <c>custom_qa_gen</c> / <c>custom_qa_mcq</c>) into prompts, with the
/// reference's default templates: generative <c>"Question: {question}\nAnswer: "</c> (just the question when the
/// first row has no <c>answer</c>), multiple choice <c>"Question: {question}\nA. {A}\nB. {B}...\nAnswer: "</c>.
/// </summary>
public static class CustomQaReader
{
    /// <summary>Largest accepted <c>max_out_len</c>.</summary>
    public const int MaxOutLenLimit = 1 << 20;

    /// <summary>
    /// The rows of <paramref name="utf8"/> (the file's bytes). Every line is checked; any malformed one makes a
    /// <see cref="DatasetException"/> listing each (<c>file(line): what</c>). <paramref name="file"/> names the file in messages.
    /// </summary>
    public static IReadOnlyList<PromptRow> Read(ReadOnlyMemory<byte> utf8, string file, QaKind kind, int? defaultMaxOutLen)
    {
        var lines = new JsonlLines(file);
        var rows = new List<PromptRow>();
        bool? withAnswer = null;
        lines.ForEachObject(utf8, (line, row) =>
        {
            withAnswer ??= row.TryGetProperty("answer", out _);
            var prompt = kind == QaKind.MultipleChoice ? MultipleChoicePrompt(lines, line, row) : GenerativePrompt(lines, line, row, withAnswer.Value);
            var okMax = lines.TryOptionalCount(line, row, "max_out_len", MaxOutLenLimit, out var maxOutLen);
            okMax &= lines.TryOptionalCount(line, row, "max_tokens", MaxOutLenLimit, out var maxTokens);
            var okId = TryDataId(lines, line, row, out var dataId);
            if (prompt is not null && okMax && okId)
            {
                rows.Add(new PromptRow(rows.Count, prompt, maxTokens ?? maxOutLen ?? defaultMaxOutLen, null, dataId));
            }
        });

        return lines.Rows(rows);
    }

    private static string? Question(JsonlLines lines, int line, JsonElement row)
    {
        if (!row.TryGetProperty("question", out var question))
        {
            lines.Problem(line, "\"question\" is missing");
            return null;
        }

        if (question.ValueKind != JsonValueKind.String)
        {
            lines.Problem(line, $"\"question\" must be a string, found {JsonlLines.Kind(question)}");
            return null;
        }

        return lines.TryString(line, question, "question");
    }

    private static string? GenerativePrompt(JsonlLines lines, int line, JsonElement row, bool withAnswer)
    {
        var question = Question(lines, line, row);
        return question is null ? null : withAnswer ? "Question: " + question + "\nAnswer: " : question;
    }

    private static string? MultipleChoicePrompt(JsonlLines lines, int line, JsonElement row)
    {
        var question = Question(lines, line, row);
        var prompt = new StringBuilder("Question: ").Append(question);
        var letters = new List<string>();
        var ok = question is not null;
        for (var letter = 'A'; letter <= 'Z'; letter++)
        {
            var name = letter.ToString();
            if (!row.TryGetProperty(name, out var option))
            {
                break;
            }

            if (option.ValueKind is not (JsonValueKind.String or JsonValueKind.Number))
            {
                lines.Problem(line, $"option \"{name}\" must be a string or a number, found {JsonlLines.Kind(option)}");
                ok = false;
            }

            letters.Add(name);
            var text = option.ValueKind == JsonValueKind.String ? lines.TryString(line, option, name) : option.GetRawText();
            ok &= text is not null;
            prompt.Append('\n').Append(name).Append(". ").Append(text);
        }

        if (letters.Count < 2)
        {
            lines.Problem(line, $"\"{(letters.Count == 0 ? "A" : "B")}\" is missing (a multiple-choice row needs options \"A\", \"B\", ...)");
            return null;
        }

        if (!row.TryGetProperty("answer", out var answer))
        {
            lines.Problem(line, "\"answer\" is missing");
            return null;
        }

        if (answer.ValueKind != JsonValueKind.String || !letters.Any(answer.ValueEquals))
        {
            lines.Problem(line, $"\"answer\" must be one of the options {string.Join(", ", letters)}, found {JsonlLines.Show(answer)}");
            return null;
        }

        return ok ? prompt.Append("\nAnswer: ").ToString() : null;
    }

    private static bool TryDataId(JsonlLines lines, int line, JsonElement row, out string? dataId)
    {
        dataId = null;
        if (!row.TryGetProperty("id", out var id) || id.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (id.ValueKind == JsonValueKind.String)
        {
            dataId = lines.TryString(line, id, "id");
            return dataId is not null;
        }

        if (id.ValueKind == JsonValueKind.Number && id.TryGetInt64(out var n))
        {
            dataId = n.ToString(CultureInfo.InvariantCulture);
            return true;
        }

        lines.Problem(line, $"\"id\" must be a string or an integer, found {JsonlLines.Show(id)}");
        return false;
    }
}
