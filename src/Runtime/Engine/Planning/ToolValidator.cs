using System.Collections.Generic;
using PodBench.Dsl;
using PodBench.Shared;

namespace PodBench.Runtime.Planning;

/// <summary>The tool rules (PB0055-PB0058) on a live endpoint, with the compiler's ids and words.</summary>
internal static class ToolValidator
{
    public static IEnumerable<PlanError> Check(ModelEndpoint model, string member)
    {
        var tools = model.Tools ?? [];
        if (tools.Count > 0 && model.Api is not (ApiKind.StreamChat or ApiKind.Chat))
        {
            yield return Error(PlanRuleIds.ToolsNeedChat, member + ".Tools", PlanMessages.ToolsNeedChat, model.Abbr, model.Api.ToString());
        }

        var names = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var tool in tools)
        {
            var name = tool?.Name ?? "";
            if ((PlanRules.ToolNameProblem(tool?.Name) ?? (names.Add(name) ? null : "another tool of this model has the same name")) is { } problem)
            {
                yield return Error(PlanRuleIds.ToolNameInvalid, member + ".Tools", PlanMessages.ToolNameInvalid, model.Abbr, name, problem);
            }

            if (JsonSyntax.ObjectProblem(tool?.Parameters) is { } json)
            {
                yield return Error(PlanRuleIds.ToolParametersInvalid, member + ".Tools", PlanMessages.ToolParametersInvalid, model.Abbr, name, json);
            }
        }

        if (model.ToolChoice is { } choice && !PlanRules.IsToolChoiceKeyword(choice) && !names.Contains(choice))
        {
            yield return Error(PlanRuleIds.ToolChoiceUnknown, member + ".ToolChoice", PlanMessages.ToolChoiceUnknown, model.Abbr, choice);
        }
    }

    private static PlanError Error(string id, string member, string format, params object?[] args) =>
        new(id, member, PlanRules.Format(format, args), PlanRules.IsWarning(id));
}
