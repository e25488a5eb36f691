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
        if (tools.Count > 0 && !PlanApis.IsChat((int)model.Api))
        {
            yield return PlanError.Of(PlanRuleIds.ToolsNeedChat, member + ".Tools", PlanMessages.ToolsNeedChat, model.Abbr, PlanApis.Name((int)model.Api));
        }

        var names = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var tool in tools)
        {
            var name = tool?.Name ?? "";
            if ((PlanRules.ToolNameProblem(tool?.Name) ?? (names.Add(name) ? null : "another tool of this model has the same name")) is { } problem)
            {
                yield return PlanError.Of(PlanRuleIds.ToolNameInvalid, member + ".Tools", PlanMessages.ToolNameInvalid, model.Abbr, name, problem);
            }

            if (JsonSyntax.ObjectProblem(tool?.Parameters) is { } json)
            {
                yield return PlanError.Of(PlanRuleIds.ToolParametersInvalid, member + ".Tools", PlanMessages.ToolParametersInvalid, model.Abbr, name, json);
            }
        }

        if (model.ToolChoice is { } choice && !PlanRules.IsToolChoiceKeyword(choice) && !names.Contains(choice))
        {
            yield return PlanError.Of(PlanRuleIds.ToolChoiceUnknown, member + ".ToolChoice", PlanMessages.ToolChoiceUnknown, model.Abbr, choice);
        }
    }
}
