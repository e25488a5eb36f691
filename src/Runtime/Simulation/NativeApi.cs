namespace PodBench.Runtime.Simulation;

/// <summary>The native generation routes the simulator answers besides the OpenAI-compatible ones.</summary>
internal enum NativeApi
{
    /// <summary>MindIE's <c>POST /infer</c>; the body's <c>stream</c> picks a stream or one answer.</summary>
    MindieInfer,

    /// <summary>TGI's <c>POST /generate</c>: one answer.</summary>
    TgiGenerate,

    /// <summary>TGI's <c>POST /generate_stream</c>.</summary>
    TgiGenerateStream,

    /// <summary>Triton's <c>POST /v2/models/&lt;model&gt;/generate</c>: one answer.</summary>
    TritonGenerate,

    /// <summary>Triton's <c>POST /v2/models/&lt;model&gt;/generate_stream</c>.</summary>
    TritonGenerateStream,
}
