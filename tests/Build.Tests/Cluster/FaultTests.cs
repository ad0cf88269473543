using System.Net;
using System.Net.Sockets;
using GitOps.Build.Cluster.Api;
using GitOps.Build.Cluster.Apply;
using GitOps.Build.Cluster.Keys;
using GitOps.Build.Cluster.Operations;
using GitOps.Build.Tests.Emulator;
using Microsoft.Extensions.Time.Testing;

namespace GitOps.Build.Tests.Cluster;

/// <summary>Bootstrap under injected faults: transient ones are ridden out, permanent ones stop at once.</summary>
public sealed class FaultTests
{
    [Fact]
    public async Task A_storm_of_503s_is_retried_until_it_passes()
    {
        await using var bed = await ClusterTestBed.StartAsync();
        bed.Emulator.Faults.Fail(40, 503);
        using var client = bed.Client();

        var result = await bed.BootstrapAsync(client);

        Assert.True(result.Applications.AllAutomatedGreen);
        Assert.Equal(40, bed.Emulator.Faults.Injected);
        Assert.True(client.RetryCount >= 40, $"retries: {client.RetryCount}");
    }

    [Fact]
    public async Task Throttling_429_with_retry_after_is_retried()
    {
        await using var bed = await ClusterTestBed.StartAsync();
        bed.Emulator.Faults.Throttle(15, retryAfter: "0");
        using var client = bed.Client();

        var result = await bed.BootstrapAsync(client);

        Assert.True(result.Applications.AllAutomatedGreen);
        Assert.Equal(15, bed.Emulator.Faults.Injected);
    }

    [Fact]
    public async Task Dropped_connections_are_retried()
    {
        await using var bed = await ClusterTestBed.StartAsync();
        bed.Emulator.Faults.Drop(8);
        using var client = bed.Client();

        var result = await bed.BootstrapAsync(client);

        Assert.True(result.Applications.AllAutomatedGreen);
        Assert.Equal(8, bed.Emulator.Faults.Injected);
        Assert.True(client.RetryCount >= 8);
    }

    [Fact]
    public async Task A_watch_that_breaks_mid_stream_is_resumed()
    {
        await using var bed = await ClusterTestBed.StartAsync();
        bed.Emulator.Faults.DropWatches(times: 3, afterEvents: 1);

        var result = await bed.BootstrapAsync();

        Assert.True(result.Applications.AllAutomatedGreen);
        // Up to 3 watches break (fewer when the Applications turn green first); each is resumed by a fresh LIST.
        var dropped = bed.Emulator.Faults.WatchesDropped;
        Assert.InRange(dropped, 1, 3);
        Assert.True(bed.Emulator.RequestLog.Count(r => r.Contains("/applications?watch=true")) >= dropped);
        Assert.True(bed.Log.Text.Contains("broke"), bed.Log.Text);
    }

    [Fact]
    public async Task A_watch_that_goes_silent_is_abandoned_after_the_idle_timeout_and_resumed()
    {
        await using var bed = await ClusterTestBed.StartAsync();
        bed.Emulator.Faults.StallWatches(1);
        using var client = ClusterConnectionFactory.Create(bed.Options() with { WatchIdleTimeout = TimeSpan.FromMilliseconds(500) });

        var result = await bed.BootstrapAsync(client);

        Assert.True(result.Applications.AllAutomatedGreen);
        Assert.Equal(1, bed.Emulator.Faults.WatchesStalled);
        Assert.Contains("no event for 0.5s", bed.Log.Text);
    }

    [Fact]
    public async Task A_slow_API_still_completes_within_the_timeout()
    {
        await using var bed = await ClusterTestBed.StartAsync();
        bed.Emulator.Faults.Slow(TimeSpan.FromMilliseconds(40));

        var result = await bed.BootstrapAsync();

        Assert.True(result.Applications.AllAutomatedGreen);
    }

    [Fact]
    public async Task An_answer_slower_than_the_request_timeout_is_abandoned_and_retried()
    {
        await using var bed = await ClusterTestBed.StartAsync();
        bed.Emulator.Faults.Slow(TimeSpan.FromSeconds(5), count: 2, pathContains: "/api/v1/namespaces/argocd");
        using var client = bed.Client(requestTimeout: TimeSpan.FromMilliseconds(500));

        var result = await bed.BootstrapAsync(client);

        Assert.True(result.Applications.AllAutomatedGreen);
        Assert.True(client.RetryCount >= 2, $"retries: {client.RetryCount}");
    }

    [Fact]
    public async Task A_403_stops_at_once_with_a_message_naming_the_object_and_the_fix()
    {
        await using var bed = await ClusterTestBed.StartAsync();
        bed.Emulator.Faults.Forbid("/appprojects/guestbook");
        using var client = bed.Client();

        var e = await Assert.ThrowsAsync<ClusterApiException>(() => bed.BootstrapAsync(client));

        Assert.Equal(HttpStatusCode.Forbidden, e.Status);
        Assert.Contains("AppProject argocd/guestbook", e.Message);
        Assert.Contains("Fix:", e.Message);
        Assert.Equal(1, bed.Emulator.RequestLog.Count(r => r.Contains("/appprojects/guestbook"))); // no retry
        Assert.Null(bed.Emulator.Store.Get(ResourceCatalog.Applications, "argocd", "root-app")); // stopped before it
    }

    [Fact]
    public async Task A_forbidden_watch_stops_at_once_naming_what_was_watched()
    {
        await using var bed = await ClusterTestBed.StartAsync();
        bed.Emulator.Faults.Forbid("/applications?watch=true");

        var e = await Assert.ThrowsAsync<ClusterApiException>(() => bed.BootstrapAsync());

        Assert.Equal(HttpStatusCode.Forbidden, e.Status);
        Assert.Contains("cannot watch Applications in namespace argocd", e.Message);
    }

    [Fact]
    public async Task A_401_stops_at_once_and_says_to_log_in_again()
    {
        await using var bed = await ClusterTestBed.StartAsync();
        bed.Emulator.Faults.Fail(int.MaxValue, 401);

        var e = await Assert.ThrowsAsync<ClusterApiException>(() => bed.BootstrapAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, e.Status);
        Assert.Contains("context 'emulator'", e.Message);
        Assert.Contains("log in again", e.Message);
        Assert.Equal(1, bed.Emulator.Faults.Requests);
    }

    [Fact]
    public async Task An_invalid_manifest_422_stops_with_the_object_and_its_file()
    {
        await using var bed = await ClusterTestBed.StartAsync();
        bed.Emulator.Validate = o => o["kind"]?.GetValue<string>() == "AppProject" && o["metadata"]?["name"]?.GetValue<string>() == "guestbook"
            ? "spec.destinations[0].namespace: Invalid value" : null;

        var e = await Assert.ThrowsAsync<ClusterApiException>(() => bed.BootstrapAsync());

        Assert.Equal(HttpStatusCode.UnprocessableEntity, e.Status);
        Assert.Contains("AppProject argocd/guestbook", e.Message);
        Assert.Contains("guestbook.yaml", e.Message);
        Assert.Contains("spec.destinations[0].namespace: Invalid value", e.Message);
    }

    [Fact]
    public async Task A_kind_without_its_CRD_is_a_permanent_error_naming_the_object_and_the_CRD()
    {
        await using var bed = await ClusterTestBed.StartAsync();
        using var client = bed.Client();
        var apply = new ServerSideApply(client, new ResourceDiscovery(client));
        var rootApp = ClusterManifests.ReadFile(ClusterTestBed.BootstrapOptions().RootAppFile);

        var e = await Assert.ThrowsAsync<ClusterApiException>(() => apply.ApplyAsync(rootApp, "argocd", CancellationToken.None));

        Assert.Equal(HttpStatusCode.NotFound, e.Status);
        Assert.Contains("Application argocd/root-app", e.Message);
        Assert.Contains("CustomResourceDefinition is not installed", e.Message);
    }

    [Fact]
    public async Task A_run_killed_half_way_is_completed_by_running_again()
    {
        await using var bed = await ClusterTestBed.StartAsync();
        using var kill = new CancellationTokenSource();
        bed.Emulator.Faults.KillAfter(30, kill.Cancel);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => bed.BootstrapAsync(ct: kill.Token));
        Assert.Null(bed.Emulator.Store.Get(ResourceCatalog.Applications, "argocd", "root-app")); // really half-way

        var result = await bed.BootstrapAsync();

        Assert.True(result.Applications.AllAutomatedGreen);
        Assert.True(result.Unchanged > 0, "the second run found the first run's work in place");
        Assert.True(result.Created > 0, "and finished what it had not done");
    }

    [Fact]
    public async Task An_unreachable_cluster_gives_a_clear_error_within_the_timeout_and_writes_nothing()
    {
        var dir = Path.Combine(Path.GetTempPath(), "cluster-unreachable-" + Guid.NewGuid().ToString("N")[..8]);
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop(); // nothing listens there now
        var kubeconfig = KubeApiEmulator.WriteKubeconfig(dir, $"http://127.0.0.1:{port}", "gone");
        // The budget runs on a clock the test moves: it ends after the refused connection has been retried.
        var clock = new FakeTimeProvider();
        var options = new ClusterOptions { KubeconfigPath = kubeconfig, Timeout = TimeSpan.FromSeconds(2), RetryDelay = TimeSpan.FromMilliseconds(20), MaxRetryDelay = TimeSpan.FromMilliseconds(200), Clock = clock };
        var output = Path.Combine(dir, "backup.yaml");
        var log = new RecordingLog();
        try
        {
            using var client = ClusterConnectionFactory.Create(options);
            var run = new BackupKeyOperation(client, new ControllerLocation(), log).RunAsync(output, []);
            await ClusterTestBed.Eventually(() => run.IsCompleted || client.RetryCount >= 2, "the refused connection was retried");
            Assert.False(run.IsCompleted, "the run gave up before its budget ended");
            clock.Advance(TimeSpan.FromSeconds(2));
            var e = await Assert.ThrowsAsync<ClusterTimeoutException>(() => Support.Eventually.EndsAsync(run, "the run, once its budget ended"));

            Assert.Contains("within 2s", e.Message);

            Assert.Contains($"Cannot reach the cluster at http://127.0.0.1:{port}", e.Message);
            Assert.Contains("context 'gone'", e.Message);
            Assert.Contains("Nothing was changed or written", e.Message);
            Assert.False(File.Exists(output));
            Assert.Equal([kubeconfig], Directory.GetFiles(dir));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task A_missing_kubeconfig_context_is_a_usage_error_with_the_fix()
    {
        await using var bed = await ClusterTestBed.StartAsync();

        var e = Assert.Throws<ClusterException>(() => ClusterConnectionFactory.Create(bed.Options() with { Context = "nope" }));

        Assert.Contains("context 'nope'", e.Message);
        Assert.Contains("--context", e.Message);
    }
}
