using System.Diagnostics;
using System.Text.Json.Nodes;
using GitOps.Build.Cluster.Apply;

namespace GitOps.Build.Tests.Emulator;

/// <summary>
/// Argo CD's application controller, reduced to status: a new Application is OutOfSync/Missing; an
/// automated one becomes Synced/Healthy after <see cref="EmulatorTiming.AppSyncDelay"/> (creating the child
/// Applications configured for it, as an app-of-apps sync does); a manual-sync one stays OutOfSync.
/// </summary>
public sealed class SimulatedArgoCd(KubeApiEmulator emulator)
{
    private readonly HashSet<(string Uid, long Generation)> _seen = new();

    /// <summary>Child Application manifests created when the named parent syncs (app-of-apps).</summary>
    public Dictionary<string, List<JsonObject>> Children { get; } = new();

    /// <summary>Forced final states for named Applications (e.g. Degraded with a message) instead of Synced/Healthy.</summary>
    public Dictionary<string, (string Sync, string Health, string Message)> Outcomes { get; } = new();

    /// <summary>Actions run when the named Application syncs (e.g. install the Sealed Secrets controller).</summary>
    public Dictionary<string, Action> OnSync { get; } = new();

    /// <summary>Stopwatch timestamp of the last transition to Healthy (the benchmark's start mark).</summary>
    public long LastHealthyTimestamp { get; private set; }

    /// <summary>Adds every Application in the given files as a child of <paramref name="parent"/>.</summary>
    public void AddChildren(string parent, IEnumerable<string> files)
    {
        if (!Children.TryGetValue(parent, out var list)) Children[parent] = list = new();
        foreach (var d in files.SelectMany(ClusterManifests.ReadFile).Where(d => d.Ref.Kind == "Application")) list.Add(d.Body);
    }

    internal void OnChanged(WatchEvent e)
    {
        if (e.Resource.Key != ResourceCatalog.Applications.Key || e.Type == "DELETED") return;
        var meta = e.Object["metadata"]!;
        var key = (meta["uid"]!.GetValue<string>(), meta["generation"]?.GetValue<long>() ?? 1);
        lock (_seen) if (!_seen.Add(key)) return;

        var ns = meta["namespace"]!.GetValue<string>();
        var name = meta["name"]!.GetValue<string>();
        var automated = e.Object["spec"]?["syncPolicy"]?["automated"] is JsonObject;
        if (e.Object["status"] is null)
            emulator.Store.Update(ResourceCatalog.Applications, ns, name, o => o["status"] = Status("OutOfSync", "Missing", null, null));
        if (!automated) return;

        emulator.After(emulator.Timing.AppSyncDelay, () =>
        {
            if (OnSync.TryGetValue(name, out var action)) action();
            foreach (var child in Children.GetValueOrDefault(name) ?? [])
            {
                var childName = child["metadata"]!["name"]!.GetValue<string>();
                var childNs = child["metadata"]?["namespace"]?.GetValue<string>() ?? ns;
                emulator.Store.Upsert(ResourceCatalog.Applications, childNs, childName, o => o ?? (JsonObject)child.DeepClone());
            }
            var (sync, health, message) = Outcomes.TryGetValue(name, out var forced) ? forced : ("Synced", "Healthy", "successfully synced (all tasks run)");
            emulator.Store.Update(ResourceCatalog.Applications, ns, name, o => o["status"] = Status(sync, health, message, health == "Healthy" ? "Succeeded" : "Failed"));
            if (health == "Healthy") LastHealthyTimestamp = Stopwatch.GetTimestamp();
        });
    }

    private static JsonObject Status(string sync, string health, string? message, string? phase)
    {
        var status = new JsonObject
        {
            ["sync"] = new JsonObject { ["status"] = sync },
            ["health"] = new JsonObject { ["status"] = health },
        };
        if (phase is not null) status["operationState"] = new JsonObject { ["phase"] = phase, ["message"] = message };
        if (health is "Degraded") status["health"]!["message"] = message;
        return status;
    }
}
