namespace PodBench.Runtime.Tests.Engine;

/// <summary>What the test server saw of one request.</summary>
public sealed record TestServerRequest(string Path, string Body, string Prompt, bool Stream, int Attempt, string? Authorization, long ReceivedTicks, string Protocol = "");
