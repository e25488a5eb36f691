using System.Globalization;
using PodBench.Generators.Model;
using PodBench.Shared;

namespace PodBench.Generators.Checks;

/// <summary>The rules on what fits a model's API: a model name it does not send (PB0051), multi-turn sessions it cannot carry (PB0050).</summary>
internal static class ApiChecks
{
    public static void CheckModel(PlanValue model, string name, DiagnosticBag bag)
    {
        if (ApiOf(model) is { } api && !PlanApis.SendsModelName(api) && model.Get("Model") is { Kind: ValueKind.Constant, Text: { } served } value)
        {
            bag.Add(PlanRuleIds.ModelNameNotSent, value.Location, name, served, PlanApis.Name(api));
        }
    }

    public static void CheckPods(PlanValue pods, DiagnosticBag bag)
    {
        for (var i = 0; i < pods.Items.Count; i++)
        {
            var group = pods.Items[i];
            if (group is not { Kind: ValueKind.Object, TypeName: "PodGroup" } || group.Get("Models") is not { Kind: ValueKind.List } models
                || group.Get("Datasets") is not { Kind: ValueKind.List } datasets)
            {
                continue;
            }

            foreach (var model in models.Items)
            {
                if (model.Kind != ValueKind.Object || ApiOf(model) is not { } api || PlanApis.IsChat(api))
                {
                    continue;
                }

                foreach (var dataset in datasets.Items)
                {
                    if (IsMultiTurn(dataset))
                    {
                        bag.Add(
                            PlanRuleIds.MultiTurnNeedsChatApi,
                            dataset.Location,
                            i.ToString(CultureInfo.InvariantCulture),
                            dataset.TextOf("Abbr") ?? dataset.Member ?? "?",
                            model.TextOf("Abbr") ?? model.Member ?? "?",
                            PlanApis.Name(api));
                    }
                }
            }
        }
    }

    /// <summary>The model's API number, or null when the code does not say (a partial object).</summary>
    internal static int? ApiOf(PlanValue model) => model.Get("Api") switch
    {
        { Kind: ValueKind.Constant, Number: { } number } => (int)number,
        null when !model.Partial => PlanApis.StreamChat,
        _ => null,
    };

    private static bool IsMultiTurn(PlanValue dataset) => dataset switch
    {
        { Kind: ValueKind.Object, TypeName: "MultiTurnDataset" } => true,
        { Kind: ValueKind.Object, TypeName: "ShareGptDataset" } => dataset.NumberOf("MultiTurn") is 1.0,
        _ => false,
    };
}
