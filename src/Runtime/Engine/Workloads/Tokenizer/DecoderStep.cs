namespace PodBench.Runtime.Workloads;

/// <summary>
/// One decoder of a tokenizer.json for <see cref="PieceDecoder"/>: the pattern or content character in
/// <see cref="Text"/>, the replacement in <see cref="Content"/>, Strip's counts (Metaspace: <see cref="Start"/> 1 when
/// the first token's replacement is dropped).
/// </summary>
internal sealed record DecoderStep(DecoderKind Kind, string Text = "", string Content = "", int Start = 0, int Stop = 0);
