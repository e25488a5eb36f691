using System.IO;
using PodBench.Runtime.Cli;
using PodBench.Runtime.Planning;
using Xunit;

namespace PodBench.Runtime.Tests.Cli;

/// <summary>The MSBuild tasks read the runner's <c>list --json</c> as a <see cref="PlanOutline"/> (they load no plan types).</summary>
public sealed class PlanOutlineTests
{
    [Fact]
    public void The_outline_of_a_listing_has_its_pods_models_pressure_and_simulated_models()
    {
        var listing = new PlanListing
        {
            Plan = new PlanDocument
            {
                PlanType = "P",
                PlanHash = "h",
                Statistics = ["Average"],
                Pressure = true,
                Pods =
                [
                    new PodDocument(0, [new TaskDocument("model-a", "d1", 1, 0, "chat"), new TaskDocument("model-b", "d1", 1, 0, "chat")]),
                    new PodDocument(1, [new TaskDocument("model-a", "d2", 1, 0, "chat")]),
                ],
            },
            NeedsSimulator = true,
            SimulatedModels = ["model-b"],
        };

        var outline = PlanOutline.Parse(listing.ToJson());

        Assert.Equal(2, outline.PodCount);
        Assert.Equal(["model-a", "model-b"], outline.Models);
        Assert.True(outline.Pressure);
        Assert.True(outline.NeedsSimulator);
        Assert.Equal(["model-b"], outline.SimulatedModels);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{\"needs_simulator\": true}")]
    [InlineData("{\"plan\": {\"pods\": [{\"tasks\": [{}]}]}}")]
    public void Text_that_is_no_listing_is_refused_plainly(string json)
    {
        var e = Assert.Throws<InvalidDataException>(() => PlanOutline.Parse(json));
        Assert.StartsWith("The runner's plan listing could not be read", e.Message, System.StringComparison.Ordinal);
    }
}
