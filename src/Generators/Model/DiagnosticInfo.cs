namespace PodBench.Generators.Model;

/// <summary>A diagnostic waiting to be reported, in a cacheable form.</summary>
/// <param name="Id">The rule id, e.g. <c>PB0016</c>.</param>
/// <param name="Location">Where it is reported.</param>
/// <param name="Additional">The other place involved (e.g. the first of two duplicates), if any.</param>
/// <param name="Arguments">The message's arguments.</param>
internal sealed record DiagnosticInfo(string Id, LocationInfo? Location, LocationInfo? Additional, EquatableArray<string> Arguments)
{
    public static DiagnosticInfo Create(string id, LocationInfo? location, params string[] arguments) =>
        new(id, location, null, new EquatableArray<string>(arguments));

    public static DiagnosticInfo Create(string id, LocationInfo? location, LocationInfo? additional, params string[] arguments) =>
        new(id, location, additional, new EquatableArray<string>(arguments));
}
