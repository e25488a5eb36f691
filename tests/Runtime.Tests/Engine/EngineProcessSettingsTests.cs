using System;
using PodBench.Runtime.Engine;
using Xunit;

namespace PodBench.Runtime.Tests.Engine;

public sealed class EngineProcessSettingsTests
{
    [Fact]
    public void Apply_keeps_a_value_the_user_set()
    {
        var before = Environment.GetEnvironmentVariable(EngineProcessSettings.InlineCompletionsVariable);
        try
        {
            Environment.SetEnvironmentVariable(EngineProcessSettings.InlineCompletionsVariable, "0");
            EngineProcessSettings.Apply();
            Assert.Equal("0", Environment.GetEnvironmentVariable(EngineProcessSettings.InlineCompletionsVariable));
            Assert.False(EngineProcessSettings.InlineSocketCompletions);

            Environment.SetEnvironmentVariable(EngineProcessSettings.InlineCompletionsVariable, null);
            EngineProcessSettings.Apply();
            Assert.True(EngineProcessSettings.InlineSocketCompletions);
        }
        finally
        {
            Environment.SetEnvironmentVariable(EngineProcessSettings.InlineCompletionsVariable, before);
        }
    }
}
