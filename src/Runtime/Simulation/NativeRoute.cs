using System;

namespace PodBench.Runtime.Simulation;

/// <summary>A native route and, for Triton, the model its path names.</summary>
/// <param name="Api">The route.</param>
/// <param name="Model">Triton's model from <c>/v2/models/&lt;model&gt;/...</c>; null for the others.</param>
internal sealed record NativeRoute(NativeApi Api, string? Model)
{
    private const string TritonPrefix = "/v2/models/";

    /// <summary>True for the streaming routes (MindIE's is decided by the body).</summary>
    public bool StreamsByPath => Api is NativeApi.TgiGenerateStream or NativeApi.TritonGenerateStream;

    /// <summary>True for Triton's routes.</summary>
    public bool IsTriton => Api is NativeApi.TritonGenerate or NativeApi.TritonGenerateStream;

    /// <summary>The native route <paramref name="path"/> names, or null.</summary>
    public static NativeRoute? Match(string path)
    {
        switch (path)
        {
            case "/infer":
                return new NativeRoute(NativeApi.MindieInfer, null);
            case "/generate":
                return new NativeRoute(NativeApi.TgiGenerate, null);
            case "/generate_stream":
                return new NativeRoute(NativeApi.TgiGenerateStream, null);
        }

        if (!path.StartsWith(TritonPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var rest = path[TritonPrefix.Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0)
        {
            return null;
        }

        var model = Uri.UnescapeDataString(rest[..slash]);
        return rest[(slash + 1)..] switch
        {
            "generate" => new NativeRoute(NativeApi.TritonGenerate, model),
            "generate_stream" => new NativeRoute(NativeApi.TritonGenerateStream, model),
            _ => null,
        };
    }
}
