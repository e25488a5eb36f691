namespace PodBench.Runtime.Workloads;

/// <summary>Metaspace's <c>prepend_scheme</c>.</summary>
internal enum MetaspacePrepend
{
    /// <summary>Every piece.</summary>
    Always,

    /// <summary>Only the piece at the start of the text (not one after an added token).</summary>
    First,

    /// <summary>Never.</summary>
    Never,
}
