namespace PodBench.Runtime.Merge.Reference;

/// <summary>One task of a reference pod folder: a details file and the model folder holding its <c>db_data/</c>.</summary>
/// <param name="Model">The model abbr (the folder's name).</param>
/// <param name="Dataset">The dataset abbr (the details file's name without <c>_details.jsonl</c>).</param>
/// <param name="DetailsPath">The details JSONL.</param>
/// <param name="ModelFolder"><c>performances/&lt;model&gt;</c>.</param>
internal sealed record ReferenceTask(string Model, string Dataset, string DetailsPath, string ModelFolder);
