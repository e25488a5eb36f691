using System.Collections.Generic;
using System.IO;
using System.Threading;
using PodBench.Dsl;
using PodBench.Runtime.Cli;
using PodBench.Runtime.Planning;

namespace PodBench.Runtime.Tests.Workloads;

/// <summary>The runner's <c>run --pod 0</c> verb, in process, on a one-model one-dataset plan against <c>url</c>.</summary>
internal static class OnePodRun
{
    public static (int Exit, string Console) Run(string url, Dataset dataset, string output, string run, int concurrency = 2, ModelEndpoint? model = null, params string[] options)
    {
        var console = new StringWriter();
        var plan = new OneTaskPlan(url, dataset, concurrency, model);
        var exit = RunnerMain.Dispatch(plan, new GeneratedPlan(typeof(OneTaskPlan).FullName!, null), RunnerArguments.Parse(["run", "--pod", "0", "--output", output, "--run", run, .. options]), console, CancellationToken.None);
        return (exit, console.ToString());
    }

    // model: the endpoint (its abbr must be "m"); null is streaming chat
    private sealed class OneTaskPlan(string url, Dataset dataset, int concurrency, ModelEndpoint? model) : BenchmarkPlan
    {
        public override IReadOnlyList<ModelEndpoint> Models =>
            [(model ?? ModelEndpoint.StreamChat("m")) with { Url = url, Model = "qwen", Concurrency = concurrency, ApiKey = ApiKey.None, Generation = GenerationArgs.Empty.WithIgnoreEos() }];

        public override IReadOnlyList<Dataset> Datasets => [dataset];

        public override RunOptions Run => RunOptions.Default with { WarmUp = 0 };
    }
}
