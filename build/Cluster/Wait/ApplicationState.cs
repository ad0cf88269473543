using System.Text.Json.Nodes;

namespace GitOps.Build.Cluster.Wait;

public enum ApplicationVerdict { Green, WaitingForApproval, Pending }

/// <summary>What an Argo CD Application reports, reduced to what Bootstrap decides on and prints.</summary>
public sealed record ApplicationState(
    string Name, bool Automated, string Sync, string Health, string? HealthMessage,
    IReadOnlyList<string> Conditions, string? OperationPhase, string? OperationMessage)
{
    /// <summary>Green = Synced and Healthy (argocd-autopilot's definition of done).</summary>
    public ApplicationVerdict Verdict =>
        Sync == "Synced" && Health == "Healthy" ? ApplicationVerdict.Green
        : Automated ? ApplicationVerdict.Pending
        : ApplicationVerdict.WaitingForApproval;

    public static ApplicationState From(JsonObject app)
    {
        var status = app["status"] as JsonObject;
        var conditions = status?["conditions"]?.AsArray().OfType<JsonObject>()
            .Select(c => $"{c["type"]?.GetValue<string>()}: {c["message"]?.GetValue<string>()}")
            .ToList() ?? [];
        return new ApplicationState(
            Name: app["metadata"]?["name"]?.GetValue<string>() ?? "",
            // "automated: {}" counts: its presence turns automated sync on.
            Automated: app["spec"]?["syncPolicy"]?["automated"] is JsonObject,
            Sync: status?["sync"]?["status"]?.GetValue<string>() ?? "Unknown",
            Health: status?["health"]?["status"]?.GetValue<string>() ?? "Unknown",
            HealthMessage: status?["health"]?["message"]?.GetValue<string>(),
            Conditions: conditions,
            OperationPhase: status?["operationState"]?["phase"]?.GetValue<string>(),
            OperationMessage: status?["operationState"]?["message"]?.GetValue<string>());
    }

    /// <summary>One line saying why this Application is not green (empty when it is).</summary>
    public string Why()
    {
        if (Verdict == ApplicationVerdict.Green) return "";
        var parts = new List<string> { $"{Sync}/{Health}" };
        if (Verdict == ApplicationVerdict.WaitingForApproval) parts.Add("manual sync: waiting for approval (argocd app sync " + Name + ")");
        if (HealthMessage is { Length: > 0 }) parts.Add(HealthMessage);
        parts.AddRange(Conditions);
        if (OperationMessage is { Length: > 0 }) parts.Add($"operation {OperationPhase}: {OperationMessage}");
        return string.Join("; ", parts);
    }
}
