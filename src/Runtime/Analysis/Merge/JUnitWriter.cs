using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Xml.Linq;

namespace PodBench.Runtime.Merge;

/// <summary>Writes SLO gate results as JUnit XML (one testsuite <c>slo-gates</c>, one testcase per gate) for CI.</summary>
public static class JUnitWriter
{
    /// <summary>Writes <paramref name="results"/> to <paramref name="path"/>.</summary>
    public static void Write(string path, IReadOnlyList<GateResult> results)
    {
        var failures = results.Count(r => !r.Passed);
        var suite = new XElement(
            "testsuite",
            new XAttribute("name", "slo-gates"),
            new XAttribute("tests", results.Count.ToString(CultureInfo.InvariantCulture)),
            new XAttribute("failures", failures.ToString(CultureInfo.InvariantCulture)),
            new XAttribute("errors", "0"),
            results.Select(r => new XElement(
                "testcase",
                new XAttribute("classname", "slo-gates"),
                new XAttribute("name", r.Name),
                r.Passed
                    ? new XElement("system-out", r.Message)
                    : new XElement("failure", new XAttribute("message", r.Message), new XAttribute("type", "SloGateFailed"), r.Message))));
        var document = new XDocument(new XDeclaration("1.0", "utf-8", null), new XElement("testsuites", suite));
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var tmp = path + ".tmp";
        document.Save(tmp);
        File.Move(tmp, path, overwrite: true);
    }
}
