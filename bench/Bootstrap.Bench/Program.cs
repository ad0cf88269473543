// Measures the time from the emulated Argo CD marking the last Application Healthy to Bootstrap
// returning: how quickly the watch (not a sleep loop) notices "done". Goal: under 0.5 s.
// Run: dotnet run -c Release --project bench/Bootstrap.Bench [runs]
using System.Diagnostics;
using GitOps.Build.Cluster;
using GitOps.Build.Cluster.Api;
using GitOps.Build.Cluster.Operations;
using GitOps.Build.Cluster.Wait;
using GitOps.Build.Tests.Emulator;

var runs = args.Length > 0 && int.TryParse(args[0], out var n) ? n : 10;
var root = FindRepoRoot();
var fixtures = Path.Combine(root, "tests", "Build.Tests", "Fixtures", "cluster");
var gitops = Path.Combine(fixtures, "gitops", "argocd");
var work = Path.Combine(Path.GetTempPath(), "bootstrap-bench-" + Guid.NewGuid().ToString("N")[..8]);
var latencies = new List<double>();
var totals = new List<double>();

for (var i = 0; i <= runs; i++) // run 0 warms up the JIT and is not counted
{
    await using var emulator = await KubeApiEmulator.StartAsync();
    emulator.Argo.AddChildren("root-app", Directory.GetFiles(Path.Combine(gitops, "applications"), "*.yaml"));
    emulator.Argo.OnSync["sealed-secrets"] = emulator.SealedSecrets.Install;
    var options = new ClusterOptions { KubeconfigPath = emulator.WriteKubeconfig(work), Timeout = TimeSpan.FromMinutes(1) };
    var bootstrap = new BootstrapOptions
    {
        ArgoCdManifest = Path.Combine(fixtures, "argocd-install.yaml"),
        ProjectFiles = Directory.GetFiles(Path.Combine(gitops, "projects"), "*.yaml").Order(StringComparer.Ordinal).ToList(),
        RootAppFile = Path.Combine(gitops, "bootstrap", "root-app.yaml"),
    };

    using var client = ClusterConnectionFactory.Create(options);
    var started = Stopwatch.GetTimestamp();
    await new BootstrapOperation(client, bootstrap, new NullLog(), new SilentProgressView()).RunAsync();
    var returned = Stopwatch.GetTimestamp();

    if (i == 0) continue;
    latencies.Add(Stopwatch.GetElapsedTime(emulator.Argo.LastHealthyTimestamp, returned).TotalMilliseconds);
    totals.Add(Stopwatch.GetElapsedTime(started, returned).TotalMilliseconds);
}
Directory.Delete(work, recursive: true);

latencies.Sort();
totals.Sort();
double Pct(List<double> xs, double p) => xs[Math.Min(xs.Count - 1, (int)Math.Ceiling(p * xs.Count) - 1)];
var median = Pct(latencies, 0.5);
Console.WriteLine($"Bootstrap against the emulator, {runs} runs (after one warm-up):");
Console.WriteLine($"  last Application Healthy -> Bootstrap returned: median {median:0.0} ms, p90 {Pct(latencies, 0.9):0.0} ms, max {latencies[^1]:0.0} ms");
Console.WriteLine($"  whole Bootstrap (install, wait, apply, watch):  median {Pct(totals, 0.5):0.0} ms");
Console.WriteLine($"  goal 500 ms / median = {500 / Math.Max(median, 0.001):0.0}x  ({(latencies[^1] < 500 ? "goal met on every run" : "goal missed on some runs")})");

static string FindRepoRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, "Build.csproj"))) return dir.FullName;
    throw new InvalidOperationException("Build.csproj not found above " + AppContext.BaseDirectory);
}

sealed class NullLog : IClusterLog
{
    public void Information(string message) { }
    public void Warning(string message) { }
    public void Verbose(string message) { }
}
