using System.Text.Json;

namespace PodBench.Runtime.Cli.Channel;

/// <summary>The channel's one JSON shape (camelCase, one message per line), shared by both ends.</summary>
internal static class ChannelJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static byte[] Serialize(ChannelMessage message) => JsonSerializer.SerializeToUtf8Bytes(message, Options);

    public static ChannelMessage? Deserialize(string line) => JsonSerializer.Deserialize<ChannelMessage>(line, Options);
}
