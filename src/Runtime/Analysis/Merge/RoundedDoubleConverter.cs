using System;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PodBench.Runtime.Merge;

/// <summary>
/// Writes doubles with 12 significant digits: parallel DuckDB sums may differ in the last bits between two merges
/// of the same files, and the merge's own documents must come out identical (the compatible files round far more).
/// </summary>
internal sealed class RoundedDoubleConverter : JsonConverter<double>
{
    public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String ? double.Parse(reader.GetString()!, CultureInfo.InvariantCulture) : reader.GetDouble();

    public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
    {
        if (double.IsFinite(value))
        {
            writer.WriteNumberValue(double.Parse(value.ToString("G12", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));
        }
        else
        {
            writer.WriteStringValue(value.ToString(CultureInfo.InvariantCulture));
        }
    }
}
