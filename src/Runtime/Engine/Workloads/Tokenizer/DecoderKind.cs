namespace PodBench.Runtime.Workloads;

/// <summary>The tokenizer.json decoders <see cref="PieceDecoder"/> applies.</summary>
internal enum DecoderKind
{
    /// <summary>Replaces a string in each token.</summary>
    Replace,

    /// <summary><c>&lt;0xNN&gt;</c> byte tokens to text.</summary>
    ByteFallback,

    /// <summary>Joins all tokens into one.</summary>
    Fuse,

    /// <summary>Removes up to Start leading and Stop trailing content characters of each token.</summary>
    Strip,

    /// <summary>The replacement character back to a space.</summary>
    Metaspace,
}
