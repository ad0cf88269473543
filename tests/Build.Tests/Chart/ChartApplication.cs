using GitOps.Build.GitOps;
using GitOps.Build.Session;
using YamlDotNet.RepresentationModel;

namespace GitOps.Build.Tests.Chart;

/// <summary>
/// One Argo CD Application that deploys the chart under test, as the build reads the repository (a
/// <see cref="TestSession"/>: the root app, the Application, its render unit): the render inputs
/// (release name, namespace, value files resolved against the chart path, as Argo CD resolves them) and
/// its manifest. The tests render what these manifests declare, so a change to an Application changes
/// what is tested.
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

    /// <summary>The chart's render units in the repository (those whose Application is labelled with its app name).</summary>
    public static IReadOnlyList<RenderUnit> UnitsOf(RepositorySession session) =>
        session.Model.UnitsOf(ChartName, null).OrderBy(u => u.Application.Manifest.File, StringComparer.Ordinal).ToList();

    /// <summary>The chart's Applications, one per render unit.</summary>
    public static IReadOnlyList<ChartApplication> LoadAll(RepositorySession session) => UnitsOf(session).Select(From).ToList();

    public static ChartApplication ForEnvironment(string repoRoot, string environment) =>
        LoadAll(TestSession.Open(repoRoot)).SingleOrDefault(a => a.Environment == environment)
        ?? throw new Xunit.Sdk.XunitException($"no Application labelled environment={environment} for {ChartName}");

    public static string? LabelOf(YamlMappingNode manifest, string label) =>
        YamlPath.Find(manifest, "metadata.labels") is YamlMappingNode labels
        && labels.Children.TryGetValue(new YamlScalarNode(label), out var value)
            ? (value as YamlScalarNode)?.Value
            : null;

    private static ChartApplication From(RenderUnit unit)
    {
        var app = unit.Application;
        var file = app.Manifest.File;
        return new ChartApplication(
            File: file,
            Name: app.Name,
            Environment: unit.Environment ?? throw new Xunit.Sdk.XunitException($"{file}: no environment"),
            Project: app.Project,
            RepoUrl: app.Sources.Single(s => s.Pointer == unit.SourcePointer).RepoUrl ?? "",
            ChartDirectory: unit.ChartPath ?? throw new Xunit.Sdk.XunitException($"{file}: not a local chart"),
            ReleaseName: unit.ReleaseName,
            Namespace: unit.Namespace,
            ValueFiles: unit.ValueFiles.Select(v => v.Path ?? throw new Xunit.Sdk.XunitException($"{file}: value file {v.Declared} does not resolve")).ToList(),
            Manifest: YamlPath.LoadFile(file));
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
