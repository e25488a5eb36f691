using System;
using System.IO;
using PodBench.Runtime.Reports;
using PodBench.Runtime.Tests.Merge;
using Xunit;

namespace PodBench.Runtime.Tests.Reports;

/// <summary>Opens the HTML report in headless Chromium: it must render every chart without a console message.</summary>
public sealed class ChromiumReportTests
{
    [Fact]
    public void HtmlReportRendersInChromiumWithoutConsoleErrors()
    {
        var chromium = HeadlessChromium.Find();
        Assert.True(chromium is not null, "chromium is not installed: run scripts/install-test-deps.sh (apt-get install chromium) before the tests.");
        using var run = new RunFixture();
        ReportFixture.MergedRun(run, scheduled: true);
        var outcome = ReportRenderer.Render(run.RunDir, new ReportOptions { AppendStepSummary = false });
        var profile = Path.Combine(run.Root, "chromium-profile");

        var (dom, stderr) = HeadlessChromium.Run(chromium!, profile, "--dump-dom", new Uri(outcome.HtmlPath).AbsoluteUri);

        var console = HeadlessChromium.ConsoleMessages(stderr);
        Assert.True(console.Count == 0, "console messages: " + string.Join("\n", console));
        foreach (var id in new[] { "pct-ttft", "hist-ttft", "hist-e2el", "timeline", "inflight", "throughput-tokens", "pods-ttft", "pods-e2el", "client-lag" })
        {
            Assert.Contains($"<svg id=\"{id}\"", dom, StringComparison.Ordinal);
        }

        Assert.Contains("&lt;script&gt;", dom, StringComparison.Ordinal);
        ReportHtml.WithoutScript(dom);

        var sample = Environment.GetEnvironmentVariable("PODBENCH_REPORT_SAMPLE");
        if (!string.IsNullOrEmpty(sample))
        {
            Directory.CreateDirectory(sample);
            File.Copy(outcome.HtmlPath, Path.Combine(sample, "report.html"), overwrite: true);
            File.Copy(outcome.MarkdownPath, Path.Combine(sample, "report.md"), overwrite: true);
            HeadlessChromium.Run(chromium!, profile, "--screenshot=" + Path.Combine(sample, "report.png"), "--window-size=1280,4200", new Uri(outcome.HtmlPath).AbsoluteUri);
        }
    }
}
