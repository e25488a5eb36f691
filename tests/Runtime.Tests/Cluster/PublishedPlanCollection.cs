using Xunit;

namespace PodBench.Runtime.Tests.Cluster;

/// <summary>Tests that share one published runner (publishing takes a minute or two).</summary>
[CollectionDefinition(Name)]
public sealed class PublishedPlanCollection : ICollectionFixture<PublishedPlan>
{
    public const string Name = "Published plan";
}
