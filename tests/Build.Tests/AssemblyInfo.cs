using Xunit;

// Every test here drives real `dotnet build` runs of the same example project: two at once would fight over its
// obj/ and bin/ folders, so they run one after another.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
