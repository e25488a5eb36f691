using System.Collections.Generic;
using System.Reflection;
using PodBench.Dsl;

namespace PodBench.Runtime.Planning;

/// <summary>Names plan objects after the members that hold them (e.g. <c>MultiPodPlan.Test1</c>), for error messages.</summary>
internal sealed class PlanMemberNames
{
    private const BindingFlags All = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly;
    private static readonly HashSet<string> PlanProperties = ["Models", "Datasets", "Pods", "Run", "Summary", "Simulator"];

    private readonly Dictionary<object, string> _names = new(ReferenceEqualityComparer.Instance);

    public PlanMemberNames(BenchmarkPlan plan)
    {
        PlanName = plan.GetType().Name;
        for (var type = plan.GetType(); type is not null && type != typeof(BenchmarkPlan); type = type.BaseType)
        {
            foreach (var field in type.GetFields(All))
            {
                if (!field.Name.Contains('<') && IsPlanObject(field.FieldType))
                {
                    Remember(field.GetValue(field.IsStatic ? null : plan), field.Name);
                }
            }

            foreach (var property in type.GetProperties(All))
            {
                var getter = property.GetGetMethod(nonPublic: true);
                if (getter is not null && property.GetIndexParameters().Length == 0 && !PlanProperties.Contains(property.Name) && IsPlanObject(property.PropertyType))
                {
                    Remember(SafeGet(property, getter.IsStatic ? null : plan), property.Name);
                }
            }
        }
    }

    /// <summary>The plan class's simple name.</summary>
    public string PlanName { get; }

    /// <summary>The member holding <paramref name="value"/>, else <paramref name="fallback"/> (e.g. <c>Models[2]</c>), prefixed with the plan's name.</summary>
    public string Of(object? value, string fallback) =>
        PlanName + "." + (value is not null && _names.TryGetValue(value, out var name) ? name : fallback);

    private void Remember(object? value, string name)
    {
        if (value is not null)
        {
            _names.TryAdd(value, name);
        }
    }

    private static object? SafeGet(PropertyInfo property, object? target)
    {
        try
        {
            return property.GetValue(target);
        }
        catch (TargetInvocationException)
        {
            return null;
        }
    }

    private static bool IsPlanObject(System.Type type) =>
        typeof(ModelEndpoint).IsAssignableFrom(type) || typeof(Dataset).IsAssignableFrom(type) || typeof(PodGroup).IsAssignableFrom(type);
}
