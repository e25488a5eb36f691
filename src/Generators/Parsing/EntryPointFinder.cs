using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PodBench.Generators.Model;

namespace PodBench.Generators.Parsing;

/// <summary>Finds entry points the user wrote, which would clash with the generated <c>Main</c> (CS0017/CS7022).</summary>
internal static class EntryPointFinder
{
    public static bool IsCandidate(SyntaxNode node, CancellationToken cancellation) => node switch
    {
        MethodDeclarationSyntax method => method.Identifier.ValueText == "Main" && method.Modifiers.Any(SyntaxKind.StaticKeyword),
        GlobalStatementSyntax statement => statement.Parent is CompilationUnitSyntax unit && unit.Members.OfType<GlobalStatementSyntax>().First() == statement,
        _ => false,
    };

    public static EntryPointInfo? Read(GeneratorSyntaxContext context, CancellationToken cancellation)
    {
        if (context.Node is GlobalStatementSyntax statement)
        {
            return new EntryPointInfo("Top-level statements", LocationInfo.From(statement));
        }

        var syntax = (MethodDeclarationSyntax)context.Node;
        if (context.SemanticModel.GetDeclaredSymbol(syntax, cancellation) is not IMethodSymbol method || !LooksLikeEntryPoint(method))
        {
            return null;
        }

        return new EntryPointInfo("Method '" + method.ContainingType.ToDisplayString() + ".Main'", LocationInfo.From(syntax.Identifier.GetLocation()));
    }

    private static bool LooksLikeEntryPoint(IMethodSymbol method)
    {
        if (method.IsGenericMethod || method.ContainingType.IsGenericType || method.Parameters.Length > 1)
        {
            return false;
        }

        if (method.Parameters.Length == 1 && method.Parameters[0].Type is not IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_String })
        {
            return false;
        }

        var returns = method.ReturnType;
        return method.ReturnsVoid
            || returns.SpecialType == SpecialType.System_Int32
            || returns.Name == "Task" && returns.ContainingNamespace?.ToDisplayString() == "System.Threading.Tasks";
    }
}
