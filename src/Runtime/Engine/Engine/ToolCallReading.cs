using System;
using System.Text.Json;

namespace PodBench.Runtime.Engine;

/// <summary>
/// <see cref="ChunkParser"/>'s state inside a <c>choices[].delta.tool_calls</c> (or <c>message.tool_calls</c>) array:
/// which call the pieces belong to (the element's <c>index</c>, else its position) and whether the reader is inside
/// its <c>function</c> object, whose <c>name</c> and <c>arguments</c> are appended to <see cref="ToolCallParts"/>.
/// </summary>
internal struct ToolCallReading(ToolCallParts? calls)
{
    private int _element = -1;
    private ToolCallParts.Part? _current;
    private bool _inFunction;

    /// <summary>True while the reader is inside a <c>tool_calls</c> array and the calls are wanted.</summary>
    public bool Active { get; private set; }

    /// <summary>A <c>tool_calls</c> property was read at depth 4.</summary>
    public void Enter()
    {
        Active = calls is not null;
        _element = -1;
        _current = null;
        _inFunction = false;
    }

    /// <summary>A property at depth 4 or less ends the array.</summary>
    public void Leave(int depth)
    {
        if (depth <= 4)
        {
            Active = false;
        }
    }

    /// <summary>A token that is not a property name: a new element of the array starts a call.</summary>
    public void Element(ref Utf8JsonReader reader)
    {
        if (Active && reader.TokenType == JsonTokenType.StartObject && reader.CurrentDepth == 5)
        {
            _element++;
            _current = calls!.At(_element);
            _inFunction = false;
        }
    }

    /// <summary>A property of a call (depth 6) or of its <c>function</c> (depth 7).</summary>
    public void Property(ref Utf8JsonReader reader, ReadOnlySpan<byte> json)
    {
        if (_current is null)
        {
            return;
        }

        if (reader.CurrentDepth == 6)
        {
            _inFunction = reader.ValueTextEquals("function"u8);
            if (reader.ValueTextEquals("index"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var index))
                {
                    _current = calls!.At(index);
                }
            }
            else if (reader.ValueTextEquals("id"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.String)
                {
                    _current.Id = reader.GetString();
                }
            }

            return;
        }

        if (!_inFunction)
        {
            return;
        }

        var name = reader.ValueTextEquals("name"u8);
        if (!name && !reader.ValueTextEquals("arguments"u8))
        {
            return;
        }

        var target = name ? _current.Name : _current.Arguments;
        var before = target.Length;
        reader.Read();
        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
        {
            // a server that sends the arguments as a JSON value instead of a string: kept as its JSON text
            var start = (int)reader.TokenStartIndex;
            reader.Skip();
            target.Append(json[start..(int)reader.BytesConsumed]);
        }
        else
        {
            ChunkParser.AppendString(ref reader, target);
        }

        calls!.Added(target.Length - before);
    }
}
