using System;
using System.IO;
using System.Linq;
using PodBench.Runtime.Reports;
using PodBench.Runtime.Tests.Merge;
using Xunit;

namespace PodBench.Runtime.Tests.Reports;

/// <summary>
/// The report's inline script in headless Chromium: a legend entry hides and shows its series, a drag across a plot
/// zooms its x axis and a double-click restores it, and nothing is hidden before the reader acts.
/// </summary>
public sealed class ReportScriptTests
{
    /// <summary>Acts as a reader would (clicks, a mouse drag) after the report's script ran, and prints what the DOM showed as JSON.</summary>
    private const string Probe = """
        <script>
        (function () {
          const shown = e => getComputedStyle(e).display !== 'none' && e.getBoundingClientRect().width > 0;
          const click = e => e.dispatchEvent(new MouseEvent('click', { bubbles: true }));
          const out = { hiddenAtLoad: document.querySelectorAll('.off').length, zoomedAtLoad: document.querySelectorAll('svg.zoomed').length, js: document.documentElement.classList.contains('js') };
          // toggling: the baseline's curve of the TTFT CDF, then the baseline's median bars of the per-task TTFT chart
          const cdf = document.getElementById('cmp-cdf-ttft');
          const item = cdf.querySelector('.legend-item[data-series="baseline"]');
          const base = cdf.querySelector('path.line[data-series="baseline"]'), cur = cdf.querySelector('path.line[data-series="current"]');
          out.cdf = { before: [shown(base), shown(cur)] };
          click(item);
          out.cdf.off = [shown(base), shown(cur), item.getAttribute('aria-pressed'), cdf.querySelectorAll('circle.dot[data-series="baseline"]').length, [...cdf.querySelectorAll('circle.dot[data-series="baseline"]')].filter(shown).length];
          click(item);
          out.cdf.on = [shown(base), shown(cur), item.getAttribute('aria-pressed')];
          const bars = document.getElementById('cmp-task-ttft');
          click(bars.querySelector('.legend-item[data-series="baseline Median"]'));
          const all = [...bars.querySelectorAll('rect.bar')];
          out.bars = { total: all.length, hidden: all.filter(b => !shown(b)).map(b => b.dataset.series) };
          // zoom: drag from a quarter to three quarters of the E2EL CDF's plot, then double-click
          const svg = document.getElementById('cdf-e2el'), plot = svg.querySelector('g.plot'), d = plot.dataset;
          const line = svg.querySelector('path.line');
          const ticks = () => [...svg.querySelectorAll('g.xticks text')].map(t => t.textContent);
          const client = x => { const p = svg.createSVGPoint(); p.x = x; p.y = (+d.top + +d.bottom) / 2; return p.matrixTransform(svg.getScreenCTM()); };
          const fire = (type, x) => { const p = client(x); svg.dispatchEvent(new PointerEvent(type, { bubbles: true, clientX: p.x, clientY: p.y, button: 0, pointerType: 'mouse', pointerId: 1 })); };
          out.zoom = { x0: +d.x0, x1: +d.x1, ticksBefore: ticks(), widthBefore: line.getBoundingClientRect().width, plotLeft: plot.getBoundingClientRect().left };
          fire('pointerdown', +d.left + 0.25 * +d.width);
          fire('pointermove', +d.left + 0.5 * +d.width);
          fire('pointermove', +d.left + 0.75 * +d.width);
          fire('pointerup', +d.left + 0.75 * +d.width);
          out.zoom.viewX0 = +svg.dataset.viewX0;
          out.zoom.viewX1 = +svg.dataset.viewX1;
          out.zoom.zoomed = svg.classList.contains('zoomed');
          out.zoom.ticksAfter = ticks();
          out.zoom.widthAfter = line.getBoundingClientRect().width;
          out.zoom.clipWidth = svg.querySelector('clipPath rect').getBoundingClientRect().width;
          svg.dispatchEvent(new MouseEvent('dblclick', { bubbles: true }));
          out.zoom.reset = [+svg.dataset.viewX0, +svg.dataset.viewX1, svg.classList.contains('zoomed'), line.getBoundingClientRect().width];
          out.zoom.ticksReset = ticks();
          const pre = document.createElement('pre');
          pre.id = 'probe';
          pre.textContent = JSON.stringify(out).replace(/[<>&]/g, c => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
          document.body.appendChild(pre);
        })();
        </script>
        """;

    [Fact]
    public void A_legend_entry_toggles_its_series_and_a_drag_zooms_the_x_axis()
    {
        var chromium = HeadlessChromium.Find();
        Assert.True(chromium is not null, "chromium is not installed: run scripts/install-test-deps.sh (apt-get install chromium) before the tests.");
        using var run = new RunFixture();
        using var baselineRun = new RunFixture();
        ReportScenarios.Write(ReportScenarios.Seed, run);
        ReportScenarios.Write(ReportScenarios.Seed, baselineRun, slowdown: 0.8);
        var outcome = ReportRenderer.Render(run.RunDir, new ReportOptions { BaselineRunDirectory = baselineRun.RunDir, AppendStepSummary = false });
        var page = Path.Combine(run.RunDir, "interact.html");
        File.WriteAllText(page, File.ReadAllText(outcome.HtmlPath).Replace("</body>", Probe + "</body>", StringComparison.Ordinal));

        var (dom, stderr) = HeadlessChromium.Run(chromium!, Path.Combine(run.Root, "chromium-profile"), "--dump-dom", "--window-size=1280,900", new Uri(page).AbsoluteUri);

        var errors = HeadlessChromium.ConsoleMessages(stderr);
        Assert.True(errors.Count == 0, "console messages: " + string.Join("\n", errors));
        using var json = HeadlessChromium.Probe(dom);
        var r = json.RootElement;

        // the script ran and hid nothing by itself
        Assert.True(r.GetProperty("js").GetBoolean());
        Assert.Equal(0, r.GetProperty("hiddenAtLoad").GetInt32());
        Assert.Equal(0, r.GetProperty("zoomedAtLoad").GetInt32());

        var cdf = r.GetProperty("cdf");
        Assert.Equal([true, true], cdf.GetProperty("before").EnumerateArray().Select(e => e.GetBoolean()));
        var off = cdf.GetProperty("off");
        Assert.False(off[0].GetBoolean(), "the baseline curve is still shown after its legend entry was clicked");
        Assert.True(off[1].GetBoolean(), "the current curve was hidden with the baseline's");
        Assert.Equal("false", off[2].GetString());
        Assert.True(off[3].GetInt32() > 0, "the baseline curve has no dots");
        Assert.Equal(0, off[4].GetInt32());
        var on = cdf.GetProperty("on");
        Assert.True(on[0].GetBoolean() && on[1].GetBoolean(), "a second click did not show the baseline curve again");
        Assert.Equal("true", on[2].GetString());

        var bars = r.GetProperty("bars");
        var hidden = bars.GetProperty("hidden").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Equal(3, hidden.Count); // two tasks and the merge
        Assert.All(hidden, s => Assert.Equal("baseline Median", s));
        Assert.Equal(12, bars.GetProperty("total").GetInt32());

        var zoom = r.GetProperty("zoom");
        var (x0, x1) = (zoom.GetProperty("x0").GetDouble(), zoom.GetProperty("x1").GetDouble());
        Assert.True(zoom.GetProperty("zoomed").GetBoolean());
        Assert.Equal(x0 + 0.25 * (x1 - x0), zoom.GetProperty("viewX0").GetDouble(), (x1 - x0) * 0.005);
        Assert.Equal(x0 + 0.75 * (x1 - x0), zoom.GetProperty("viewX1").GetDouble(), (x1 - x0) * 0.005);
        Assert.NotEqual(zoom.GetProperty("ticksBefore").EnumerateArray().Select(t => t.GetString()), zoom.GetProperty("ticksAfter").EnumerateArray().Select(t => t.GetString()));
        // the curve is stretched twice as wide on screen, and clipped to the plot
        Assert.Equal(2 * zoom.GetProperty("widthBefore").GetDouble(), zoom.GetProperty("widthAfter").GetDouble(), zoom.GetProperty("widthBefore").GetDouble() * 0.02);
        var reset = zoom.GetProperty("reset");
        Assert.Equal(x0, reset[0].GetDouble(), 9);
        Assert.Equal(x1, reset[1].GetDouble(), 9);
        Assert.False(reset[2].GetBoolean());
        Assert.Equal(zoom.GetProperty("widthBefore").GetDouble(), reset[3].GetDouble(), 1);
        Assert.Equal(zoom.GetProperty("ticksBefore").EnumerateArray().Select(t => t.GetString()), zoom.GetProperty("ticksReset").EnumerateArray().Select(t => t.GetString()));
    }
}
