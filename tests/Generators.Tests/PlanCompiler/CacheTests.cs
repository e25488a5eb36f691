using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace PodBench.Generators.Tests.PlanCompiler;

public sealed class CacheTests
{
    private static readonly string[] StepNames = typeof(TrackingNames).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (string)f.GetValue(null)!).ToArray();

    [Fact]
    public void An_unrelated_file_leaves_every_step_cached_or_unchanged()
    {
        var compilation = TestHelpers.Compile(("Plan.cs", TestPlans.EveryOption), ("Other.cs", "internal static class Other { }"));
        var first = TestHelpers.Run(compilation);

        var second = TestHelpers.Run(compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("internal static class Unrelated { }", TestHelpers.ParseOptions, "Unrelated.cs")), first.Driver);

        AssertAllCached(second.Result);
        Assert.Equal(first.Generated, second.Generated);
    }

    [Fact]
    public void A_trivial_edit_of_another_file_and_of_the_plan_end_leaves_every_step_cached_or_unchanged()
    {
        var compilation = TestHelpers.Compile(("Plan.cs", TestPlans.Seed), ("Other.cs", "internal static class Other { }"));
        var first = TestHelpers.Run(compilation);
        var other = compilation.SyntaxTrees.Single(t => t.FilePath == "Other.cs");
        var plan = compilation.SyntaxTrees.Single(t => t.FilePath == "Plan.cs");

        var edited = compilation
            .ReplaceSyntaxTree(other, CSharpSyntaxTree.ParseText("internal static class Other { public static int X => 1; }", TestHelpers.ParseOptions, "Other.cs"))
            .ReplaceSyntaxTree(plan, CSharpSyntaxTree.ParseText(plan.GetText().ToString() + "\n// reviewed\n", TestHelpers.ParseOptions, "Plan.cs"));
        var second = TestHelpers.Run(edited, first.Driver);

        AssertAllCached(second.Result);
    }

    [Fact]
    public void A_real_change_is_seen()
    {
        var compilation = TestHelpers.Compile(("Plan.cs", TestPlans.Seed));
        var first = TestHelpers.Run(compilation);
        var plan = compilation.SyntaxTrees.Single();
        var changed = plan.GetText().ToString().Replace("\"synthetic-test2\"", "\"synthetic-test3\"");

        var second = TestHelpers.Run(compilation.ReplaceSyntaxTree(plan, CSharpSyntaxTree.ParseText(changed, TestHelpers.ParseOptions, "Plan.cs")), first.Driver);

        Assert.Contains(second.Result.Results.Single().TrackedSteps[TrackingNames.PlanModels].SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains("synthetic-test3", second.Generated);
    }

    [Fact]
    public void No_step_output_holds_a_symbol_syntax_or_compilation()
    {
        var compilation = TestHelpers.Compile(("Plan.cs", TestPlans.EveryOption), ("Program.cs", "internal static class Program { public static void Main() { } }"));
        var run = TestHelpers.Run(compilation);
        var result = run.Result.Results.Single();

        var walked = 0;
        foreach (var steps in StepNames.Where(result.TrackedSteps.ContainsKey).Select(n => result.TrackedSteps[n]))
        {
            foreach (var output in steps.SelectMany(s => s.Outputs))
            {
                walked++;
                Walk(output.Value, "output", new HashSet<object>(ReferenceEqualityComparer.Instance));
            }
        }

        Assert.True(walked > 5);
        foreach (var name in StepNames)
        {
            Assert.True(result.TrackedSteps.ContainsKey(name), $"step {name} was not tracked");
        }
    }

    private static void AssertAllCached(GeneratorDriverRunResult run)
    {
        var result = run.Results.Single();
        Assert.Contains(TrackingNames.PlanModels, result.TrackedSteps.Keys);
        Assert.Contains(TrackingNames.Project, result.TrackedSteps.Keys);
        foreach (var name in StepNames.Where(result.TrackedSteps.ContainsKey))
        {
            foreach (var output in result.TrackedSteps[name].SelectMany(s => s.Outputs))
            {
                Assert.True(
                    output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                    $"{name}: {output.Reason}");
            }
        }

        foreach (var output in result.TrackedOutputSteps.Values.SelectMany(s => s).SelectMany(s => s.Outputs))
        {
            Assert.Equal(IncrementalStepRunReason.Cached, output.Reason);
        }
    }

    private static void Walk(object? value, string path, HashSet<object> seen)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum || value is decimal)
        {
            return;
        }

        Assert.False(value is ISymbol or SyntaxNode or SyntaxTree or Compilation or SemanticModel or Location or IOperation, $"{path} holds a {value.GetType().Name}");
        if (!value.GetType().IsValueType && !seen.Add(value))
        {
            return;
        }

        if (value is IEnumerable items)
        {
            var i = 0;
            foreach (var item in items)
            {
                Walk(item, $"{path}[{i++}]", seen);
            }
        }

        for (var type = value.GetType(); type is not null && type != typeof(object); type = type.BaseType)
        {
            foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                Walk(field.GetValue(value), path + "." + field.Name, seen);
            }
        }
    }
}
