namespace PodBench.Generators.Model;

/// <summary>
/// A value of a plan as the compiler reads it: a constant, an object of a DSL type (its properties), a list, or
/// unknown. <see cref="Location"/> is where the value is written (for a field reference: where it is referenced).
/// </summary>
internal sealed record PlanValue(ValueKind Kind, LocationInfo? Location)
{
    public static PlanValue Unknown(LocationInfo? location) => new(ValueKind.Unknown, location);

    /// <summary>For objects: the DSL type's simple name, e.g. <c>SyntheticDataset</c>.</summary>
    public string? TypeName { get; init; }

    /// <summary>For constants: the number (numbers, enums and booleans as 0/1), else null.</summary>
    public double? Number { get; init; }

    /// <summary>For constants: the text of a string, else null.</summary>
    public string? Text { get; init; }

    /// <summary>For objects: properties known to be set (later settings replace earlier ones).</summary>
    public EquatableArray<PlanProperty> Properties { get; init; } = EquatableArray<PlanProperty>.Empty;

    /// <summary>For objects: true when the properties not listed are unknown rather than the DSL defaults.</summary>
    public bool Partial { get; init; }

    /// <summary>For lists: the items.</summary>
    public EquatableArray<PlanValue> Items { get; init; } = EquatableArray<PlanValue>.Empty;

    /// <summary>The plan member this value was read from (e.g. <c>Test1</c>), when it came from a field.</summary>
    public string? Member { get; init; }

    public bool IsKnown => Kind != ValueKind.Unknown;

    /// <summary>The property <paramref name="name"/>, or null when it is not set in the code.</summary>
    public PlanValue? Get(string name)
    {
        foreach (var p in Properties)
        {
            if (p.Name == name)
            {
                return p.Value;
            }
        }

        return null;
    }

    /// <summary>A copy with <paramref name="name"/> set to <paramref name="value"/>.</summary>
    public PlanValue With(string name, PlanValue value)
    {
        var list = new System.Collections.Generic.List<PlanProperty>();
        foreach (var p in Properties)
        {
            if (p.Name != name)
            {
                list.Add(p);
            }
        }

        list.Add(new PlanProperty(name, value));
        return this with { Properties = new EquatableArray<PlanProperty>(list.ToArray()) };
    }

    /// <summary>The constant number of property <paramref name="name"/>, or null when it is not known.</summary>
    public double? NumberOf(string name) => Get(name) is { Kind: ValueKind.Constant, Number: { } n } ? n : null;

    /// <summary>The constant text of property <paramref name="name"/>, or null when it is not known.</summary>
    public string? TextOf(string name) => Get(name) is { Kind: ValueKind.Constant, Text: { } t } ? t : null;
}
