namespace GitOps.Build.Tests.Chart;

/// <summary>
/// Renders and lints the chart once for every environment, in parallel, with
/// the exact inputs each Application declares; shared by the chart tests.
/// </summary>
public sealed class ChartRenders : IAsyncLifetime
{
    public string RepoRoot { get; } = global::GitOps.Build.Tests.Support.TestTools.RepoRoot;
    public IReadOnlyList<ChartApplication> Applications { get; private set; } = [];
    public IReadOnlyDictionary<string, RenderedRelease> Releases { get; private set; } = new Dictionary<string, RenderedRelease>();
    public IReadOnlyDictionary<string, HelmResult> RenderResults { get; private set; } = new Dictionary<string, HelmResult>();
    public IReadOnlyDictionary<string, HelmResult> Lints { get; private set; } = new Dictionary<string, HelmResult>();

    public RenderedRelease For(string environment) =>
        Releases.TryGetValue(environment, out var release)
            ? release
            : throw new Xunit.Sdk.XunitException($"no render for environment '{environment}'");

    public async Task InitializeAsync()
    {
        Applications = ChartApplication.LoadAll(RepoRoot);
        var templates = Applications.Select(a => HelmProcess.RunAsync(
            ["template", a.ReleaseName, a.ChartDirectory, .. a.ValueArguments()])).ToList();
        var lints = Applications.Select(a => HelmProcess.RunAsync(
            ["lint", "--strict", a.ChartDirectory, .. a.ValueArguments()])).ToList();
        var rendered = await Task.WhenAll(templates);
        var linted = await Task.WhenAll(lints);

        var releases = new Dictionary<string, RenderedRelease>();
        for (var i = 0; i < Applications.Count; i++)
        {
            // A failed render is kept out of Releases; the Template test reports it with helm's output.
            if (rendered[i].Succeeded)
                releases[Applications[i].Environment] = new RenderedRelease(Applications[i].Environment, rendered[i].StdOut);
        }
        Releases = releases;
        RenderResults = Applications.Select((a, i) => (a.Environment, rendered[i])).ToDictionary();
        Lints = Applications.Select((a, i) => (a.Environment, linted[i])).ToDictionary();
    }

    public Task DisposeAsync() => Task.CompletedTask;
}

[CollectionDefinition(Name)]
public sealed class ChartRendersCollection : ICollectionFixture<ChartRenders>
{
    public const string Name = "Chart renders";
}
