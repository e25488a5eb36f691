using System.Linq;
using PodBench.Runtime.Engine;
using Xunit;

namespace PodBench.Runtime.Tests.Engine;

public sealed class PrometheusTextTests
{
    [Fact]
    public void Reads_help_type_labels_values_and_timestamps()
    {
        var parse = PrometheusText.Parse("""
            # HELP vllm:num_requests_running Number of requests in model execution batches.
            # TYPE vllm:num_requests_running gauge
            vllm:num_requests_running{engine="0",model_name="qwen"} 3.0
            # a free comment
            # TYPE http_requests_total counter
            http_requests_total{method="post",code="200"} 1027 1395066363000

            metric_without_labels 12.47
            empty_braces{} -7
            """);

        Assert.Empty(parse.Errors);
        Assert.Equal("gauge", parse.Types["vllm:num_requests_running"]);
        Assert.Equal("counter", parse.Types["http_requests_total"]);
        Assert.Equal(4, parse.Samples.Count);
        var running = parse.Samples[0];
        Assert.Equal("vllm:num_requests_running", running.Name);
        Assert.Equal([("engine", "0"), ("model_name", "qwen")], running.Labels.Select(l => (l.Key, l.Value)));
        Assert.Equal(3.0, running.Value);
        Assert.Null(running.TimestampMs);
        Assert.Equal(1395066363000, parse.Samples[1].TimestampMs);
        Assert.Equal(1027, parse.Samples[1].Value);
        Assert.Empty(parse.Samples[2].Labels);
        Assert.Equal(12.47, parse.Samples[2].Value);
        Assert.Equal(-7, parse.Samples[3].Value);
    }

    [Fact]
    public void Unescapes_label_values_and_keeps_unknown_escapes()
    {
        var parse = PrometheusText.Parse("msdos_file_access_time_seconds{path=\"C:\\\\DIR\\\\FILE.TXT\",error=\"Cannot find file:\\n\\\"FILE.TXT\\\"\",odd=\"a\\tb\",} 1.458255915e9\n");

        Assert.Empty(parse.Errors);
        var labels = parse.Samples.Single().Labels.ToDictionary(l => l.Key, l => l.Value);
        Assert.Equal("C:\\DIR\\FILE.TXT", labels["path"]);
        Assert.Equal("Cannot find file:\n\"FILE.TXT\"", labels["error"]);
        Assert.Equal("a\\tb", labels["odd"]);
        Assert.Equal(1.458255915e9, parse.Samples.Single().Value);
    }

    [Fact]
    public void Reads_nan_and_infinities_and_spaces_in_label_values()
    {
        var parse = PrometheusText.Parse("a NaN\r\nb +Inf\r\nc -Inf\r\nd{le=\"+Inf\", x = \"with } and , inside\"}\t2\r\n");

        Assert.Empty(parse.Errors);
        Assert.True(double.IsNaN(parse.Samples[0].Value));
        Assert.Equal(double.PositiveInfinity, parse.Samples[1].Value);
        Assert.Equal(double.NegativeInfinity, parse.Samples[2].Value);
        Assert.Equal("with } and , inside", parse.Samples[3].Labels[1].Value);
        Assert.Equal(2, parse.Samples[3].Value);
    }

    [Theory]
    [InlineData("good 1\n{x=\"1\"} 2", 2, "no metric name")]
    [InlineData("good 1\nbad{x=\"1\" 2", 2, "not separated")]
    [InlineData("good 1\nbad{x=1} 2", 2, "not quoted")]
    [InlineData("good 1\nbad{x=\"1} 2", 2, "no closing quote")]
    [InlineData("good 1\nbad", 2, "no value")]
    [InlineData("good 1\nbad one", 2, "`one` is not a value")]
    [InlineData("good 1\n\nbad 1 soon", 3, "`soon` is not a timestamp")]
    [InlineData("good 1\nbad 1 2 3", 2, "more than a value")]
    [InlineData("good 1\nbad{x} 2", 2, "has no `=`")]
    public void A_bad_line_is_named_by_number_and_the_others_are_kept(string text, int line, string reason)
    {
        var parse = PrometheusText.Parse(text);

        var error = Assert.Single(parse.Errors);
        Assert.StartsWith($"line {line}: ", error, System.StringComparison.Ordinal);
        Assert.Contains(reason, error, System.StringComparison.Ordinal);
        Assert.Equal("good", Assert.Single(parse.Samples).Name);
    }
}
