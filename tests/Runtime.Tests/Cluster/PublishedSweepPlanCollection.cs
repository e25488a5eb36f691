using Xunit;

namespace PodBench.Runtime.Tests.Cluster;

/// <summary>Tests that share the published sweep runner.</summary>
[CollectionDefinition(Name)]
public sealed class PublishedSweepPlanCollection : ICollectionFixture<PublishedSweepPlan>
{
    public const string Name = "Published sweep plan";
}
