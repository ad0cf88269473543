using GitOps.Build.Cluster.Api;
using GitOps.Build.Cluster.Apply;
using GitOps.Build.Cluster.Operations;
using GitOps.Build.Cluster.Wait;
using GitOps.Build.Tests.Emulator;
using Microsoft.Extensions.Time.Testing;

namespace GitOps.Build.Tests.Cluster;

/// <summary>Bootstrap end to end against the emulator: install, wait, apply, watch, re-run, report.</summary>
public sealed class BootstrapTests
{
    [Fact]
    public async Task Bootstrap_installs_Argo_CD_applies_projects_and_root_app_and_waits_until_automated_apps_are_green()
    {
        await using var bed = await ClusterTestBed.StartAsync();

        var result = await bed.BootstrapAsync();

        var apps = result.Applications.Applications.ToDictionary(a => a.Name);
        Assert.Equal(["guestbook-dev", "guestbook-prod", "guestbook-staging", "root-app", "sealed-secrets"], apps.Keys.Order());
        foreach (var name in new[] { "root-app", "sealed-secrets", "guestbook-dev", "guestbook-staging" })
            Assert.Equal(ApplicationVerdict.Green, apps[name].Verdict);
        Assert.Equal(ApplicationVerdict.WaitingForApproval, apps["guestbook-prod"].Verdict);
        Assert.Contains("guestbook-prod: manual sync, waiting for approval", bed.Log.Text);

        var store = bed.Emulator.Store;
        Assert.NotNull(store.Get(ResourceCatalog.Deployments, "argocd", "argocd-server"));
        Assert.NotNull(store.Get(ResourceCatalog.StatefulSets, "argocd", "argocd-application-controller"));
        Assert.Equal(2, store.List(ResourceCatalog.AppProjects, "argocd").Count);
        Assert.False(result.NothingChanged);
        Assert.True(result.Created >= 14, $"created {result.Created}");
        // Server-side apply, never a client-side create/replace.
        Assert.All(bed.Emulator.RequestLog.Where(r => r.StartsWith("PATCH")), r => Assert.Contains("fieldManager=gitops-build", r));
        Assert.DoesNotContain(bed.Emulator.RequestLog, r => r.StartsWith("PUT") || r.StartsWith("POST"));
    }

    [Fact]
    public async Task Projects_are_applied_before_the_root_app()
    {
        await using var bed = await ClusterTestBed.StartAsync();
        await bed.BootstrapAsync();

        var patches = bed.Emulator.RequestLog.Where(r => r.StartsWith("PATCH")).ToList();
        var lastProject = patches.FindLastIndex(r => r.Contains("/appprojects/"));
        var rootApp = patches.FindIndex(r => r.Contains("/applications/root-app"));
        Assert.True(lastProject >= 0 && rootApp > lastProject, string.Join("\n", patches));
    }

    [Fact]
    public async Task Rerun_on_a_bootstrapped_cluster_changes_nothing_and_says_so()
    {
        await using var bed = await ClusterTestBed.StartAsync();
        await bed.BootstrapAsync();
        await ClusterTestBed.Eventually(() => bed.Emulator.SealedSecrets.Running, "controller started");
        await ClusterTestBed.Eventually(() => bed.Emulator.Idle, "the emulated controllers settled");
        var before = bed.Emulator.Store.ResourceVersion;

        var again = await bed.BootstrapAsync();

        Assert.True(again.NothingChanged, $"{again.Created} created, {again.Configured} configured");
        Assert.Equal(0, again.Created + again.Configured);
        Assert.Equal(before, bed.Emulator.Store.ResourceVersion); // not one write reached the store
        Assert.Contains("Cluster already bootstrapped: nothing changed", bed.Log.Text);
    }

    [Fact]
    public async Task A_changed_manifest_is_reported_as_configured_on_rerun()
    {
        await using var bed = await ClusterTestBed.StartAsync();
        await bed.BootstrapAsync();
        var manifest = Path.Combine(bed.Dir, "install.yaml");
        File.WriteAllText(manifest, File.ReadAllText(Path.Combine(ClusterTestBed.Fixtures, "argocd-install.yaml")).Replace("\"180s\"", "\"300s\""));

        using var client = bed.Client();
        var options = ClusterTestBed.BootstrapOptions() with { ArgoCdManifest = manifest };
        var again = await new BootstrapOperation(client, options, bed.Log, new SilentProgressView()).RunAsync();

        var changed = Assert.Single(again.Applied, a => a.Outcome != ApplyOutcome.Unchanged);
        Assert.Equal("ConfigMap argocd/argocd-cm", changed.Object.ToString());
        Assert.Equal(ApplyOutcome.Configured, changed.Outcome);
    }

    [Fact]
    public async Task When_the_timeout_ends_the_report_names_what_is_not_green_and_why()
    {
        await using var bed = await ClusterTestBed.StartAsync();
        bed.Emulator.Argo.Outcomes["guestbook-staging"] = ("Synced", "Degraded", "Deployment guestbook has 0/1 ready pods");
        // The budget runs on a clock the test moves: it ends once every other Application has settled,
        // however long that takes on a busy machine, and never before.
        var clock = new FakeTimeProvider();
        using var client = ClusterConnectionFactory.Create(bed.Options(timeout: TimeSpan.FromMinutes(10)) with { Clock = clock });
        var view = new SilentProgressView();
        var run = new BootstrapOperation(client, ClusterTestBed.BootstrapOptions(), bed.Log, view).RunAsync();

        await ClusterTestBed.Eventually(() => run.IsCompleted || Settled(view), "the watch saw staging Degraded and the other automated apps green");
        Assert.False(run.IsCompleted, "the run ended before its budget did");
        clock.Advance(TimeSpan.FromMinutes(10));
        var e = await Assert.ThrowsAsync<ClusterTimeoutException>(() => Support.Eventually.EndsAsync(run, "the run, once its budget ended"));

        Assert.Contains("Timed out after 10m", e.Message);
        Assert.Contains("waiting for the Applications to be Synced and Healthy", e.Message);
        Assert.Contains("guestbook-staging: Synced/Degraded", e.Message);
        Assert.Contains("Deployment guestbook has 0/1 ready pods", e.Message);
        Assert.Contains("--timeout", e.Message);
        Assert.DoesNotContain("guestbook-prod", e.Message); // manual sync is not a failure
        Assert.DoesNotContain("guestbook-dev", e.Message);
    }

    private static bool Settled(SilentProgressView view)
    {
        IReadOnlyList<ApplicationState>? last;
        lock (view.Updates) last = view.Updates.LastOrDefault();
        if (last is null) return false;
        var apps = last.ToDictionary(a => a.Name);
        return apps.Count == 5
            && apps.TryGetValue("guestbook-staging", out var staging) && staging.Health == "Degraded"
            && new[] { "root-app", "sealed-secrets", "guestbook-dev" }.All(n => apps.TryGetValue(n, out var a) && a.Verdict == ApplicationVerdict.Green);
    }

    [Fact]
    public async Task Restore_key_puts_the_keys_in_place_before_the_controller_first_starts()
    {
        await using var bed = await ClusterTestBed.StartAsync();
        var (backup, fingerprint) = TestKeys.WriteBackup(bed.Dir, "old-cluster-key");

        await bed.BootstrapAsync(restoreKey: backup);
        await ClusterTestBed.Eventually(() => bed.Emulator.SealedSecrets.Running, "controller started");

        var controller = bed.Emulator.SealedSecrets;
        Assert.Equal(1, controller.Starts);
        Assert.Equal([fingerprint], controller.LoadedFingerprints); // it generated no key of its own
        Assert.Equal(fingerprint, TestKeys.Fingerprint(controller.ServedCertificatePem!));
    }

    [Fact]
    public async Task Restore_key_on_a_running_controller_restarts_it_so_it_loads_the_keys()
    {
        await using var bed = await ClusterTestBed.StartAsync();
        await bed.BootstrapAsync();
        await ClusterTestBed.Eventually(() => bed.Emulator.SealedSecrets.Running, "controller started");
        var (backup, fingerprint) = TestKeys.WriteBackup(bed.Dir, "old-cluster-key");

        var again = await bed.BootstrapAsync(restoreKey: backup);

        Assert.False(again.NothingChanged);
        Assert.Equal(2, bed.Emulator.SealedSecrets.Starts);
        Assert.Contains(fingerprint, bed.Emulator.SealedSecrets.LoadedFingerprints);
        Assert.Contains("restarting it so it loads the restored keys", bed.Log.Text);
    }
}
