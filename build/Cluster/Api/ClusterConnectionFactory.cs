using k8s;
using k8s.Exceptions;

namespace GitOps.Build.Cluster.Api;

/// <summary>
/// Builds a <see cref="ClusterClient"/> from the user's kubeconfig (--kubeconfig, --context), exactly as
/// KubernetesClient resolves it: KUBECONFIG or ~/.kube/config by default, exec credential plugins included.
/// </summary>
public static class ClusterConnectionFactory
{
    public static ClusterClient Create(ClusterOptions options)
    {
        KubernetesClientConfiguration config;
        try
        {
            config = KubernetesClientConfiguration.BuildConfigFromConfigFile(options.KubeconfigPath, options.Context);
        }
        catch (Exception e) when (e is KubeConfigException or FileNotFoundException or DirectoryNotFoundException)
        {
            var where = options.KubeconfigPath ?? Environment.GetEnvironmentVariable("KUBECONFIG") ?? "~/.kube/config";
            throw new ClusterException(
                $"Cannot use kubeconfig '{where}'{(options.Context is null ? "" : $" with context '{options.Context}'")}: {e.Message}. " +
                "Fix: pass --kubeconfig=<path> and --context=<name> of a cluster you can reach (kubectl config get-contexts lists them).", e);
        }

        // Our per-attempt timeout (Polly) and the overall --timeout bound every call; the client's own
        // 100 s default would cut long watches, so it is switched off here.
        config.HttpClientTimeout = Timeout.InfiniteTimeSpan;
        SocketsHttpHandler? handler = null;
        config.FirstMessageHandlerSetup = h => handler = h;
        var kubernetes = new Kubernetes(config);
        // After the constructor: it sets the certificate check (kubeconfig CA or system roots) that ClusterTls wraps.
        var tls = ClusterTls.Attach(handler, config, kubernetes.BaseUri);
        return new ClusterClient(kubernetes, options, config.CurrentContext, tls);
    }
}
