using System;
using System.Collections.Generic;
using System.Linq;

namespace PodBench.Runtime.Planning;

/// <summary>Thrown when a plan breaks a rule; <see cref="Errors"/> lists every broken rule, not just the first.</summary>
public sealed class PlanException : Exception
{
    /// <summary>Creates the exception for <paramref name="planType"/> with every error found.</summary>
    public PlanException(string planType, IReadOnlyList<PlanError> errors)
        : base(Describe(planType, errors))
    {
        PlanType = planType;
        Errors = errors;
    }

    /// <summary>The plan class's name.</summary>
    public string PlanType { get; }

    /// <summary>Every error found.</summary>
    public IReadOnlyList<PlanError> Errors { get; }

    private static string Describe(string planType, IReadOnlyList<PlanError> errors) =>
        $"The plan {planType} has {errors.Count} error{(errors.Count == 1 ? "" : "s")}:" + Environment.NewLine
        + string.Join(Environment.NewLine, errors.Select(e => "  " + e));
}
