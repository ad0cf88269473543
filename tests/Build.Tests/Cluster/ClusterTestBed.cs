using GitOps.Build.Cluster.Api;
using GitOps.Build.Cluster.Operations;
using GitOps.Build.Cluster.Wait;
using GitOps.Build.Tests.Emulator;

namespace GitOps.Build.Tests.Cluster;

/// <summary>
/// One emulated cluster plus a temp folder and a kubeconfig pointing at it, with the miniature GitOps
/// repository's Applications wired into the simulated Argo CD (root-app creates them; syncing
/// sealed-secrets installs the controller).
/// </summary>
public sealed class ClusterTestBed : IAsyncDisposable
{
    public static string Fixtures => Path.Combine(AppContext.BaseDirectory, "Fixtures", "cluster");
    public static string GitopsDir => Path.Combine(Fixtures, "gitops", "argocd");

    private ClusterTestBed(KubeApiEmulator emulator, string dir)
    {
        Emulator = emulator;
        Dir = dir;
        Kubeconfig = emulator.WriteKubeconfig(dir);
    }

    public KubeApiEmulator Emulator { get; }
    public string Dir { get; }
    public string Kubeconfig { get; }
    public RecordingLog Log { get; } = new();

    public static async Task<ClusterTestBed> StartAsync(EmulatorTiming? timing = null)
    {
        var dir = Path.Combine(Path.GetTempPath(), "cluster-tests-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        var emulator = await KubeApiEmulator.StartAsync(timing);
        emulator.Argo.AddChildren("root-app", Directory.GetFiles(Path.Combine(GitopsDir, "applications"), "*.yaml"));
        emulator.Argo.OnSync["sealed-secrets"] = emulator.SealedSecrets.Install;
        return new ClusterTestBed(emulator, dir);
    }

    /// <summary>Fast retries so fault tests finish quickly; the overall timeout still bounds everything.</summary>
    public ClusterOptions Options(TimeSpan? timeout = null, TimeSpan? requestTimeout = null) => new()
    {
        KubeconfigPath = Kubeconfig,
        Timeout = timeout ?? TimeSpan.FromSeconds(60),
        RequestTimeout = requestTimeout ?? TimeSpan.FromSeconds(10),
        RetryDelay = TimeSpan.FromMilliseconds(5),
        MaxRetryDelay = TimeSpan.FromMilliseconds(100),
    };

    public ClusterClient Client(TimeSpan? timeout = null, TimeSpan? requestTimeout = null) =>
        ClusterConnectionFactory.Create(Options(timeout, requestTimeout));

    public static BootstrapOptions BootstrapOptions(string? restoreKey = null) => new()
    {
        ArgoCdManifest = Path.Combine(Fixtures, "argocd-install.yaml"),
        ProjectFiles = Directory.GetFiles(Path.Combine(GitopsDir, "projects"), "*.yaml").Order(StringComparer.Ordinal).ToList(),
        RootAppFile = Path.Combine(GitopsDir, "bootstrap", "root-app.yaml"),
        RestoreKeyFile = restoreKey,
    };

    public async Task<BootstrapResult> BootstrapAsync(ClusterClient? client = null, string? restoreKey = null, CancellationToken ct = default)
    {
        using var own = client is null ? Client() : null;
        return await new BootstrapOperation(client ?? own!, BootstrapOptions(restoreKey), Log, new SilentProgressView()).RunAsync(ct);
    }

    /// <summary>Waits (bounded) for an emulator condition that follows asynchronously from a finished run.</summary>
    public static Task Eventually(Func<bool> condition, string what) => Support.Eventually.HoldsAsync(condition, what);

    public async ValueTask DisposeAsync()
    {
        var errors = Emulator.Errors.ToList();
        await Emulator.DisposeAsync();
        try { Directory.Delete(Dir, recursive: true); } catch (IOException) { }
        Assert.True(errors.Count == 0, "the emulator failed: " + string.Join("\n", errors));
    }
}
