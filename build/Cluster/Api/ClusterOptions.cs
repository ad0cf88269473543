namespace GitOps.Build.Cluster.Api;

/// <summary>How to reach the cluster and how long one target may take in total.</summary>
public sealed record ClusterOptions
{
    /// <summary>Path of the kubeconfig; null means KUBECONFIG or ~/.kube/config, as kubectl does.</summary>
    public string? KubeconfigPath { get; init; }

    /// <summary>Context to use; null means the kubeconfig's current-context.</summary>
    public string? Context { get; init; }

    /// <summary>Overall budget of the target (--timeout); retries stop when it ends.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The clock <see cref="Timeout"/> runs on (tests end the budget by moving a fake one).</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Budget of one HTTP attempt; a slower answer counts as a transient failure and is retried.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>First retry delay; later ones grow exponentially with jitter up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// A watch that delivers nothing for this long is treated as broken and started again (a connection
    /// that died without a reset would otherwise hang until --timeout). The server ends each watch after
    /// timeoutSeconds (60) and sends bookmarks, so a healthy watch is never idle this long.
    /// </summary>
    public TimeSpan WatchIdleTimeout { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>Field manager name recorded by server-side apply.</summary>
    public string FieldManager { get; init; } = "gitops-build";
}
