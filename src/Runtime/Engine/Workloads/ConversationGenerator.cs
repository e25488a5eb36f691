using System.Collections.Generic;
using PodBench.Dsl;
using PodBench.Runtime.Engine;

namespace PodBench.Runtime.Workloads;

/// <summary>
/// Generates a <see cref="MultiTurnDataset"/>: one row per session (its first user message), the later turns in its
/// <see cref="Conversation"/>. Each message is words drawn with the seed (<see cref="SharedPrefixGenerator.Text"/>),
/// each turn's output length from <see cref="MultiTurnDataset.Output"/>; the data id names the session (<c>s3</c>).
/// </summary>
internal static class ConversationGenerator
{
    public static IReadOnlyList<PromptRow> Generate(MultiTurnDataset d)
    {
        Validate(d);
        var random = new SeededRandom(d.Seed);
        var rows = new List<PromptRow>(d.Sessions);
        for (var s = 0; s < d.Sessions; s++)
        {
            var turns = new List<ConversationTurn>(d.Turns);
            for (var t = 0; t < d.Turns; t++)
            {
                var words = LengthSampler.Sample(d.Input, random);
                var output = LengthSampler.Sample(d.Output, random);
                turns.Add(new ConversationTurn(SharedPrefixGenerator.Text(random, words), output));
            }

            var later = turns.GetRange(1, turns.Count - 1);
            rows.Add(new PromptRow(s, turns[0].Prompt, turns[0].MaxTokens, null, "s" + s.ToString(System.Globalization.CultureInfo.InvariantCulture))
            {
                Session = later.Count == 0 ? null : new Conversation(later, d.ThinkTime),
            });
        }

        return rows;
    }

    private static void Validate(MultiTurnDataset d)
    {
        var where = $"dataset \"{d.Abbr}\"";
        DatasetChecks.Counts(d.Abbr, ("Sessions", d.Sessions));
        if (d.Turns is < 1 or > Shared.PlanRules.MaxTurns)
        {
            throw new DatasetException($"{where}: Turns must be in 1..{Shared.PlanRules.MaxTurns}, got {d.Turns}");
        }

        if ((long)d.Sessions * d.Turns > DatasetChecks.Limit)
        {
            throw new DatasetException($"{where}: Sessions x Turns is {(long)d.Sessions * d.Turns}, more than {DatasetChecks.Limit} requests");
        }

        if (d.ThinkTime < System.TimeSpan.Zero)
        {
            throw new DatasetException($"{where}: ThinkTime must not be negative, got {d.ThinkTime}");
        }

        SyntheticGenerator.Validate(d.Input, $"{where}: Input");
        SyntheticGenerator.Validate(d.Output, $"{where}: Output");
    }
}
