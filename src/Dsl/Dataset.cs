namespace PodBench.Dsl;

/// <summary>A dataset of requests. Derived records: <see cref="SyntheticDataset"/>, <see cref="CustomQaDataset"/>, <see cref="TraceDataset"/>, <see cref="ShareGptDataset"/>, <see cref="PromptJsonlDataset"/>, <see cref="SharedPrefixDataset"/>, <see cref="MultiTurnDataset"/>, <see cref="MtBenchDataset"/>, <see cref="FunctionCallDataset"/>.</summary>
/// <param name="Abbr">Unique name of the dataset; it names output files, so it must be a safe file name.</param>
public abstract record Dataset(string Abbr);
