using System;
using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace PodBench.Runtime.Results.Reference;

/// <summary>
/// Writes JSON byte for byte as Python's <c>json.dumps(obj, ensure_ascii=False)</c> does, which is how the reference
/// writes its details lines: separators <c>", "</c> and <c>": "</c>; in strings only <c>"</c>, <c>\</c> and the
/// control characters below U+0020 are escaped (<c>\n \r \t \b \f</c> by name, the others as lower-case
/// <c>\u00xx</c>), everything else is written as UTF-8.
/// </summary>
internal sealed class PythonJsonWriter
{
    private readonly IBufferWriter<byte> output;

    // one bit per open object or array, innermost lowest: set while nothing was written in it (no allocation per line)
    private ulong firstInObject;
    private int depth;

    /// <summary>A writer appending to <paramref name="output"/>.</summary>
    public PythonJsonWriter(IBufferWriter<byte> output) => this.output = output;

    /// <summary>Opens the top-level object.</summary>
    public void StartObject() => Open("{");

    /// <summary>Opens an object as the value of <paramref name="key"/>.</summary>
    public void StartObject(string key)
    {
        Key(key);
        StartObject();
    }

    /// <summary>Closes the innermost object.</summary>
    public void EndObject() => Close("}");

    /// <summary>Opens an array as the value of <paramref name="key"/>; its elements are objects (<see cref="StartElementObject"/>).</summary>
    public void StartArray(string key)
    {
        Key(key);
        Open("[");
    }

    /// <summary>Opens an object as the next element of the innermost array.</summary>
    public void StartElementObject()
    {
        if ((firstInObject & 1) == 0)
        {
            Raw(", ");
        }

        firstInObject &= ~1UL;
        StartObject();
    }

    /// <summary>Closes the innermost array.</summary>
    public void EndArray() => Close("]");

    /// <summary>A string member.</summary>
    public void String(string key, string value)
    {
        Key(key);
        Quoted(value);
    }

    /// <summary>An integer member.</summary>
    public void Number(string key, long value)
    {
        Key(key);
        var span = output.GetSpan(20);
        Utf8Formatter.TryFormat(value, span, out var written);
        output.Advance(written);
    }

    /// <summary>A boolean member (<c>true</c>/<c>false</c>).</summary>
    public void Boolean(string key, bool value)
    {
        Key(key);
        Raw(value ? "true" : "false");
    }

    // an object or array opens a level whose bit says no member or element was written yet
    private void Open(string bracket)
    {
        if (depth == 64)
        {
            throw new InvalidOperationException("more than 64 nested objects and arrays");
        }

        Raw(bracket);
        firstInObject = (firstInObject << 1) | 1;
        depth++;
    }

    private void Close(string bracket)
    {
        if (depth == 0)
        {
            throw new InvalidOperationException("no object or array is open");
        }

        firstInObject >>= 1;
        depth--;
        Raw(bracket);
    }

    private void Key(string key)
    {
        if ((firstInObject & 1) == 0)
        {
            Raw(", ");
        }

        firstInObject &= ~1UL;
        Quoted(key);
        Raw(": ");
    }

    private void Quoted(string value)
    {
        Raw("\"");
        var runStart = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c >= ' ' && c != '"' && c != '\\')
            {
                continue;
            }

            Utf8(value.AsSpan(runStart, i - runStart));
            Raw(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\b' => "\\b",
                '\f' => "\\f",
                _ => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
            });
            runStart = i + 1;
        }

        Utf8(value.AsSpan(runStart));
        Raw("\"");
    }

    private void Raw(string ascii)
    {
        var span = output.GetSpan(ascii.Length);
        var n = Encoding.ASCII.GetBytes(ascii, span);
        output.Advance(n);
    }

    private void Utf8(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return;
        }

        var span = output.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        output.Advance(Encoding.UTF8.GetBytes(text, span));
    }
}
