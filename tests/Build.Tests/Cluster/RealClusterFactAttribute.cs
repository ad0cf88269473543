namespace GitOps.Build.Tests.Cluster;

/// <summary>
/// A test that runs only against a real cluster: RUN_CLUSTER_TESTS=1 and KUBECONFIG set. Otherwise it is
/// reported as skipped with how to enable it, never as passed.
/// </summary>
public sealed class RealClusterFactAttribute : FactAttribute
{
    public RealClusterFactAttribute()
    {
        if (!Enabled)
            Skip = "Real-cluster test: set RUN_CLUSTER_TESTS=1 and KUBECONFIG=<kubeconfig of a disposable cluster, e.g. kind> to run it.";
        Timeout = 20 * 60 * 1000;
    }

    public static bool Enabled =>
        Environment.GetEnvironmentVariable("RUN_CLUSTER_TESTS") == "1" &&
        !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("KUBECONFIG"));
}
