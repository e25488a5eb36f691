using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PodBench.Generators.Model;

namespace PodBench.Generators.Parsing;

/// <summary>Reads a <c>[BenchmarkPlan]</c> class into a <see cref="PlanModel"/>.</summary>
internal static class PlanParser
{
    private const string PlanBase = "PodBench.Dsl.BenchmarkPlan";

    public static PlanModel Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellation)
    {
        var type = (INamedTypeSymbol)context.TargetSymbol;
        var location = context.TargetNode is BaseTypeDeclarationSyntax declaration
            ? LocationInfo.From(declaration.Identifier.GetLocation())
            : LocationInfo.From(context.TargetNode);
        var derives = DerivesFromPlan(type);
        var reader = new ValueReader(context.SemanticModel, cancellation);
        var unknown = PlanValue.Unknown(location);

        return new PlanModel(
            PlanType: RuntimeName(type),
            TypeSyntax: type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
            Location: location,
            DerivesFromPlan: derives,
            IsAbstract: type.IsAbstract || type.IsStatic,
            HasPublicParameterlessConstructor: !type.IsGenericType && type.InstanceConstructors.Any(c => c.Parameters.Length == 0 && c.DeclaredAccessibility == Accessibility.Public),
            Models: derives ? ReadOverride(type, "Models", reader) ?? unknown : unknown,
            Datasets: derives ? ReadOverride(type, "Datasets", reader) ?? unknown : unknown,
            Pods: derives ? ReadOverride(type, "Pods", reader) : null,
            Summary: derives ? ReadOverride(type, "Summary", reader) : null)
        {
            ServerMetrics = derives ? ReadOverride(type, "ServerMetrics", reader) : null,
            Sweep = derives ? ReadOverride(type, "Sweep", reader) : null,
        };
    }

    /// <summary>The value of the nearest override of <paramref name="name"/>, or null when only the base declares it.</summary>
    private static PlanValue? ReadOverride(INamedTypeSymbol type, string name, ValueReader reader)
    {
        for (var current = type; current is not null && current.ToDisplayString() != PlanBase; current = current.BaseType)
        {
            var property = current.GetMembers(name).OfType<IPropertySymbol>().FirstOrDefault(p => !p.IsStatic);
            if (property is not null)
            {
                return reader.ReadMemberBody(property);
            }
        }

        return null;
    }

    private static bool DerivesFromPlan(INamedTypeSymbol type)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (current.ToDisplayString() == PlanBase)
            {
                return true;
            }
        }

        return false;
    }

    private static string RuntimeName(INamedTypeSymbol type)
    {
        var name = type.MetadataName;
        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            name = outer.MetadataName + "+" + name;
        }

        var ns = type.ContainingNamespace;
        return ns is null || ns.IsGlobalNamespace ? name : ns.ToDisplayString() + "." + name;
    }
}
