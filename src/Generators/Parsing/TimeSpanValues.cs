using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace PodBench.Generators.Parsing;

/// <summary>
/// How <see cref="ValueReader"/> reads a <c>System.TimeSpan</c> written in a plan (<c>TimeSpan.FromSeconds(30)</c>,
/// <c>new TimeSpan(0, 5, 0)</c>, <c>TimeSpan.Zero</c>): as a constant number of seconds, so the wait limits can be
/// checked where they are written.
/// </summary>
internal static class TimeSpanValues
{
    /// <summary>Seconds per unit, by the parameter names of TimeSpan's factories and constructors.</summary>
    private static readonly Dictionary<string, double> Units = new()
    {
        ["days"] = 86400,
        ["hours"] = 3600,
        ["minutes"] = 60,
        ["seconds"] = 1,
        ["milliseconds"] = 1e-3,
        ["microseconds"] = 1e-6,
        ["ticks"] = 1e-7,
    };

    /// <summary>Well-known TimeSpan values, in seconds.</summary>
    private static readonly Dictionary<string, double> Known = new()
    {
        ["TimeSpan.Zero"] = 0,
        ["TimeSpan.MaxValue"] = long.MaxValue * 1e-7,
        ["TimeSpan.MinValue"] = long.MinValue * 1e-7,
        ["Timeout.InfiniteTimeSpan"] = -1e-3,
    };

    /// <summary>True for <c>System.TimeSpan</c>.</summary>
    public static bool IsTimeSpan(ITypeSymbol? type) =>
        type is { Name: "TimeSpan" } && type.ContainingNamespace?.ToDisplayString() == "System";

    /// <summary>
    /// Seconds per unit of one argument of a TimeSpan factory or constructor: by the parameter's name, or for the
    /// <c>value</c> parameter of <c>FromSeconds(double value)</c> and the like, by the method's name.
    /// </summary>
    public static double? UnitOf(IParameterSymbol parameter, string method)
    {
        var name = parameter.Name == "value" && method.StartsWith("From", System.StringComparison.Ordinal)
            ? method.Substring(4).ToLowerInvariant()
            : parameter.Name;
        return Units.TryGetValue(name, out var unit) ? unit : null;
    }

    /// <summary>The seconds of a static TimeSpan value such as <c>TimeSpan.Zero</c>, or null.</summary>
    public static double? KnownValue(ISymbol member) =>
        member.IsStatic && member.ContainingType is { } type
            && (IsTimeSpan(type) || (type.Name == "Timeout" && type.ContainingNamespace?.ToDisplayString() == "System.Threading"))
            && Known.TryGetValue(type.Name + "." + member.Name, out var seconds)
            ? seconds
            : null;
}
