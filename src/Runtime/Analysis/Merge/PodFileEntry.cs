namespace PodBench.Runtime.Merge;

/// <summary>One file a pod published, with what the merge checks it against.</summary>
/// <param name="Path">Relative to the run folder, with forward slashes.</param>
/// <param name="Kind"><c>details</c>, <c>db_data</c>, <c>failed</c>, <c>summary</c> or <c>other</c>.</param>
/// <param name="Bytes">The file's length.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the file's bytes.</param>
public sealed record PodFileEntry(string Path, string Kind, long Bytes, string Sha256);
