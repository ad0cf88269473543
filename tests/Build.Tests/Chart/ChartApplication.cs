using YamlDotNet.RepresentationModel;

namespace GitOps.Build.Tests.Chart;

/// <summary>
/// One Argo CD Application that deploys the chart under test, read from the
/// repository's manifests: the render inputs (release name, namespace, value
/// files resolved against the chart path, as Argo CD resolves them) and its
/// sync policy. The tests render what these manifests declare, so a change to
/// an Application changes what is tested.
/// </summary>
public sealed record ChartApplication(
    string File,
    string Name,
    string Environment,
    string Project,
    string RepoUrl,
    string ChartDirectory,
    string ReleaseName,
    string Namespace,
    IReadOnlyList<string> ValueFiles,
    YamlMappingNode Manifest)
{
    public const string ChartName = "ontu-schedule-bot-admin";

    /// <summary>The Applications the root app points at whose name label is the chart's app.</summary>
    public static IReadOnlyList<ChartApplication> LoadAll(string repoRoot)
    {
        var rootApp = YamlPath.LoadFile(Path.Combine(repoRoot, "gitops", "argocd", "bootstrap", "root-app.yaml"));
        var applicationsDir = Path.Combine(repoRoot, YamlPath.Scalar(rootApp, "spec.source.path"));
        return Directory.EnumerateFiles(applicationsDir, "*.yaml")
            .Order(StringComparer.Ordinal)
            .Select(file => (file, manifest: YamlPath.LoadFile(file)))
            .Where(x => LabelOf(x.manifest, "app.kubernetes.io/name") == ChartName)
            .Select(x => FromManifest(repoRoot, x.file, x.manifest))
            .ToList();
    }

    public static ChartApplication ForEnvironment(string repoRoot, string environment) =>
        LoadAll(repoRoot).SingleOrDefault(a => a.Environment == environment)
        ?? throw new Xunit.Sdk.XunitException($"no Application labelled environment={environment} for {ChartName}");

    public static string? LabelOf(YamlMappingNode manifest, string label) =>
        YamlPath.Find(manifest, "metadata.labels") is YamlMappingNode labels
        && labels.Children.TryGetValue(new YamlScalarNode(label), out var value)
            ? (value as YamlScalarNode)?.Value
            : null;

    private static ChartApplication FromManifest(string repoRoot, string file, YamlMappingNode manifest)
    {
        var chartDirectory = Path.GetFullPath(Path.Combine(repoRoot, YamlPath.Scalar(manifest, "spec.source.path")));
        var valueFiles = YamlPath.Find(manifest, "spec.source.helm.valueFiles") is YamlSequenceNode files
            ? files.Children.Select(f => Path.GetFullPath(Path.Combine(chartDirectory, ((YamlScalarNode)f).Value!))).ToList()
            : new List<string>();
        return new ChartApplication(
            File: file,
            Name: YamlPath.Scalar(manifest, "metadata.name"),
            Environment: LabelOf(manifest, "environment")
                ?? throw new Xunit.Sdk.XunitException($"{file}: no 'environment' label"),
            Project: YamlPath.Scalar(manifest, "spec.project"),
            RepoUrl: YamlPath.Scalar(manifest, "spec.source.repoURL"),
            ChartDirectory: chartDirectory,
            ReleaseName: YamlPath.ScalarOrNull(manifest, "spec.source.helm.releaseName") ?? YamlPath.Scalar(manifest, "metadata.name"),
            Namespace: YamlPath.Scalar(manifest, "spec.destination.namespace"),
            ValueFiles: valueFiles,
            Manifest: manifest);
    }

    /// <summary>helm arguments shared by lint and template: namespace and value files.</summary>
    public IEnumerable<string> ValueArguments()
    {
        yield return "--namespace";
        yield return Namespace;
        foreach (var file in ValueFiles)
        {
            yield return "--values";
            yield return file;
        }
    }
}
