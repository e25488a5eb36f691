namespace PodBench.Dsl;

/// <summary>How the request rate grows during a ramp-up.</summary>
public enum RampUpKind
{
    /// <summary>The rate grows linearly from the start to the end rate over the requests.</summary>
    Linear,

    /// <summary>The rate grows geometrically from the start to the end rate over the requests.</summary>
    Exponential,
}
