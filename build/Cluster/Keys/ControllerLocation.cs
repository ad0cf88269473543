namespace GitOps.Build.Cluster.Keys;

/// <summary>Where the Sealed Secrets controller runs (the chart's defaults; configurable).</summary>
public sealed record ControllerLocation
{
    public const string KeyLabel = "sealedsecrets.bitnami.com/sealed-secrets-key";

    public string Namespace { get; init; } = "sealed-secrets";
    public string Service { get; init; } = "sealed-secrets-controller";
    /// <summary>Service port name (or number) of the controller's HTTP API.</summary>
    public string Port { get; init; } = "http";
    /// <summary>The Deployment whose pods are restarted; defaults to the service name as the chart names both alike.</summary>
    public string? Deployment { get; init; }

    public string DeploymentName => Deployment ?? Service;

    public string ProxyPath(string rest) =>
        $"/api/v1/namespaces/{Uri.EscapeDataString(Namespace)}/services/{Uri.EscapeDataString(Service)}:{Uri.EscapeDataString(Port)}/proxy/{rest}";

    public string SecretsPath => $"/api/v1/namespaces/{Uri.EscapeDataString(Namespace)}/secrets";
}
