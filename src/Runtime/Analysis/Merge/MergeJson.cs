using System.Text.Json;
using System.Text.Json.Serialization;

namespace PodBench.Runtime.Merge;

/// <summary>The JSON settings of every document the merge reads or writes (snake_case, indented).</summary>
internal static class MergeJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Converters = { new JsonStringEnumConverter(), new RoundedDoubleConverter() },
    };
}
