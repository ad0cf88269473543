using System.Text.Json.Nodes;
using GitOps.Build.Cluster.Api;
using GitOps.Build.Cluster.Apply;
using GitOps.Build.Cluster.Keys;
using GitOps.Build.Cluster.Wait;

namespace GitOps.Build.Cluster.Operations;

/// <summary>
/// Bootstrap: (keys) → argocd namespace → Argo CD install (server-side apply) → wait for its three
/// components → AppProjects → root app → watch Applications until the automated ones are green.
/// Every step is idempotent, so a run killed half-way is finished by running it again, and a run on a
/// bootstrapped cluster changes nothing and says so.
/// </summary>
public sealed class BootstrapOperation(ClusterClient client, BootstrapOptions options, IClusterLog log, IApplicationProgressView view)
{
    public async Task<BootstrapResult> RunAsync(CancellationToken cancel = default)
    {
        // Read every input before touching the cluster: a bad file fails here with nothing changed.
        var projects = options.ProjectFiles.SelectMany(ClusterManifests.ReadFile).ToList();
        var rootApp = ClusterManifests.ReadFile(options.RootAppFile);
        var backup = options.RestoreKeyFile is null ? null : ControllerKeyBackup.Read(options.RestoreKeyFile);

        using var run = new ClusterRun(client, log, cancel);
        await run.ConnectAsync();
        var apply = new ServerSideApply(client, new ResourceDiscovery(client));
        var applied = new List<ApplyResult>();

        if (backup is not null) await RestoreKeysAsync(run, apply, backup, applied);

        var argoNs = options.ArgoNamespace;
        await run.StepAsync($"creating namespace {argoNs}", async ct =>
            applied.Add(await apply.ApplyOneAsync(NamespaceDoc(argoNs), null, ct)));

        var (text, source) = await run.StepAsync("loading the Argo CD install manifest",
            ct => ManifestSource.LoadAsync(options.ArgoCdManifest, options.ArgoCdVersion, ct));
        var install = ClusterManifests.Read(text, source);
        var argo = await run.StepAsync($"installing Argo CD from {source}", ct => apply.ApplyAsync(install, argoNs, ct));
        applied.AddRange(argo);
        log.Information($"Argo CD ({source}): {Summary(argo)}.");

        var details = new Dictionary<WorkloadRef, string>();
        await run.StepAsync("waiting for Argo CD to become available",
            ct => new RolloutWaiter(client).WaitAsync(options.ArgoWorkloads, details, (w, d) => log.Information($"{w} is available ({d})."), ct),
            () => string.Join("; ", details.Select(kv => $"{kv.Key}: {kv.Value}")));

        var ours = await run.StepAsync("applying the AppProjects and the root app", async ct =>
        {
            var results = new List<ApplyResult>();
            results.AddRange(await apply.ApplyAsync(projects, argoNs, ct)); // projects first: the root app refers to one
            results.AddRange(await apply.ApplyAsync(rootApp, argoNs, ct));
            return results;
        });
        applied.AddRange(ours);
        log.Information($"AppProjects and root app: {Summary(ours)}.");

        var last = new StrongBox<ApplicationsOutcome>();
        var watcher = new ApplicationWatcher(client);
        watcher.Resuming += log.Verbose;
        var required = rootApp.Where(d => d.Ref.Kind == "Application").Select(d => d.Ref.Name).ToList();
        var outcome = await run.StepAsync("waiting for the Applications to be Synced and Healthy",
            ct => view.RunAsync(progress => watcher.WatchAsync(argoNs, required, progress, last, ct)),
            () => last.Value is { } l ? "not green:" + Environment.NewLine + l.NotGreenReport() : "no Application seen yet");

        foreach (var a in outcome.WaitingForApproval)
            log.Information($"{a.Name}: manual sync, waiting for approval ({a.Sync}/{a.Health}) - not a failure.");
        var result = new BootstrapResult(applied, outcome);
        log.Information(result.NothingChanged
            ? $"Cluster already bootstrapped: nothing changed ({result.Unchanged} objects unchanged); all automated Applications are Synced and Healthy."
            : $"Bootstrap done: {Summary(applied)}; all automated Applications are Synced and Healthy.");
        return result;
    }

    /// <summary>
    /// Puts the backup's keys in the controller's namespace. On a new cluster this happens before Argo CD
    /// deploys the controller, so its first start loads them (the seed's recovery order). If the
    /// controller already runs and a key was added or changed, it is restarted to load them.
    /// </summary>
    private async Task RestoreKeysAsync(ClusterRun run, ServerSideApply apply, ControllerKeyBackup backup, List<ApplyResult> applied)
    {
        var ns = options.Controller.Namespace;
        var results = await run.StepAsync($"restoring the sealing keys into namespace {ns}", async ct =>
        {
            var list = new List<ApplyResult> { await apply.ApplyOneAsync(NamespaceDoc(ns), null, ct) };
            foreach (var secret in backup.Secrets)
                list.Add(await apply.ApplyOneAsync(ApplicableManifest.Of(secret, backup.Path), ns, ct));
            return list;
        });
        applied.AddRange(results);
        log.Information($"Sealing keys from {backup.Path}: {Summary(results.Skip(1).ToList())}.");
        foreach (var k in backup.Keys) log.Information("  " + k.Describe());

        var keysChanged = results.Skip(1).Any(r => r.Outcome != ApplyOutcome.Unchanged);
        var controller = new SealedSecretsController(client, options.Controller);
        var deployment = new WorkloadRef(WorkloadKind.Deployment, ns, options.Controller.DeploymentName);
        var running = await run.StepAsync("looking for a running controller", ct => client.ReadAsync(deployment.Path, deployment.Ref, ct));
        if (keysChanged && running is not null)
        {
            log.Information($"{deployment} already runs: restarting it so it loads the restored keys.");
            await run.StepAsync("restarting the Sealed Secrets controller", ct => controller.RestartAsync(ct));
        }
    }

    private static ApplicableManifest NamespaceDoc(string name) =>
        ApplicableManifest.Of(new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = name } }, "(bootstrap)");

    internal static string Summary(IReadOnlyCollection<ApplyResult> results) =>
        $"{results.Count(r => r.Outcome == ApplyOutcome.Created)} created, " +
        $"{results.Count(r => r.Outcome == ApplyOutcome.Configured)} configured, " +
        $"{results.Count(r => r.Outcome == ApplyOutcome.Unchanged)} unchanged";
}
