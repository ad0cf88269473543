using Cake.Core.Tooling;

namespace GitOps.Build.Helm;

/// <summary>What every helm command takes: values in helm's order of precedence.</summary>
public abstract class HelmChartSettings : ToolSettings
{
    /// <summary>The chart folder or archive.</summary>
    public string Chart { get; set; } = "";
    public string? Namespace { get; set; }
    /// <summary>-f files, applied in order (later wins).</summary>
    public List<string> ValueFiles { get; } = [];
    /// <summary>--set name=value pairs; values as Argo CD parameters (a comma is part of the value).</summary>
    public List<KeyValuePair<string, string>> Set { get; } = [];
    /// <summary>--set-string name=value pairs; values as Argo CD parameters (a comma is part of the value).</summary>
    public List<KeyValuePair<string, string>> SetString { get; } = [];
    /// <summary>The Kubernetes version capabilities report (Argo CD passes the cluster's).</summary>
    public string? KubeVersion { get; set; }
}

/// <summary><c>helm lint</c>.</summary>
public sealed class HelmLintSettings : HelmChartSettings
{
    /// <summary>--strict: warnings fail the lint.</summary>
    public bool Strict { get; set; }
}

/// <summary><c>helm template</c>.</summary>
public sealed class HelmTemplateSettings : HelmChartSettings
{
    public string ReleaseName { get; set; } = "";
    /// <summary>--include-crds: Argo CD renders CRDs unless skipCrds is set.</summary>
    public bool IncludeCrds { get; set; }
    public List<string> ApiVersions { get; } = [];
}

/// <summary><c>helm pull</c> of a chart from a Helm repository into a folder.</summary>
public sealed class HelmPullSettings : HelmChartSettings
{
    public string RepoUrl { get; set; } = "";
    public string? Version { get; set; }
    public string Destination { get; set; } = "";
}
