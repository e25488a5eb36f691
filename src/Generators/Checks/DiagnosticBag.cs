using System.Collections.Generic;
using PodBench.Generators.Model;

namespace PodBench.Generators.Checks;

/// <summary>Collects diagnostics once each: a value shared by two members (e.g. through <c>with</c>) is reported once.</summary>
internal sealed class DiagnosticBag
{
    private readonly List<DiagnosticInfo> _items = new();
    private readonly HashSet<DiagnosticInfo> _seen = new();

    public void Add(string id, LocationInfo? location, params string[] arguments) =>
        Add(DiagnosticInfo.Create(id, location, arguments));

    public void AddWith(string id, LocationInfo? location, LocationInfo? additional, params string[] arguments) =>
        Add(DiagnosticInfo.Create(id, location, additional, arguments));

    public EquatableArray<DiagnosticInfo> ToArray() => new(_items.ToArray());

    private void Add(DiagnosticInfo diagnostic)
    {
        if (_seen.Add(diagnostic))
        {
            _items.Add(diagnostic);
        }
    }
}
