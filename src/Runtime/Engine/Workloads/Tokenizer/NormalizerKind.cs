namespace PodBench.Runtime.Workloads;

/// <summary>The tokenizer.json normalizers <see cref="TextNormalizer"/> applies.</summary>
internal enum NormalizerKind
{
    /// <summary>Unicode NFC.</summary>
    Nfc,

    /// <summary>Prepends a text to a non-empty piece.</summary>
    Prepend,

    /// <summary>Replaces every occurrence of a string.</summary>
    Replace,
}
