using System.Collections.Generic;
using PodBench.Generators.Model;
using PodBench.Shared;

namespace PodBench.Generators.Checks;

/// <summary>A model endpoint's tools: a chat API (PB0055), JSON object parameters (PB0056), legal unique names (PB0057), a known tool choice (PB0058).</summary>
internal static class ToolChecks
{
    public static void Check(PlanValue model, string name, DiagnosticBag bag)
    {
        var names = new HashSet<string>();
        var complete = false;
        if (model.Get("Tools") is { Kind: ValueKind.List } tools)
        {
            complete = true;
            if (tools.Items.Count > 0 && ApiChecks.ApiOf(model) is { } api && !PlanApis.IsChat(api))
            {
                bag.Add(PlanRuleIds.ToolsNeedChat, tools.Location, name, PlanApis.Name(api));
            }

            foreach (var tool in tools.Items)
            {
                if (tool.Kind != ValueKind.Object || tool.Get("Name") is not { Kind: ValueKind.Constant } toolName)
                {
                    complete = false;
                    continue;
                }

                var text = toolName.Text ?? "";
                var problem = PlanRules.ToolNameProblem(toolName.Text) ?? (names.Add(text) ? null : "another tool of this model has the same name");
                if (problem is not null)
                {
                    bag.Add(PlanRuleIds.ToolNameInvalid, toolName.Location, name, text, problem);
                }

                if (tool.Get("Parameters") is { Kind: ValueKind.Constant } parameters && JsonSyntax.ObjectProblem(parameters.Text) is { } json)
                {
                    bag.Add(PlanRuleIds.ToolParametersInvalid, parameters.Location, name, text, json);
                }
            }
        }

        if (model.Get("ToolChoice") is { Kind: ValueKind.Constant, Text: { } choice } c && !PlanRules.IsToolChoiceKeyword(choice)
            && (complete || model.Get("Tools") is null) && !names.Contains(choice))
        {
            bag.Add(PlanRuleIds.ToolChoiceUnknown, c.Location, name, choice);
        }
    }
}
