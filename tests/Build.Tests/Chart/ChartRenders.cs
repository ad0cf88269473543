using GitOps.Build.Pipeline;

namespace GitOps.Build.Tests.Chart;

/// <summary>
/// Renders and lints the chart once for every environment, in parallel, with the exact inputs each
/// Application declares, through the build's own repository session and renderer (helm template and
/// helm lint --strict as Argo CD's inputs make them); shared by the chart tests.
/// </summary>
public sealed class ChartRenders : IAsyncLifetime
{
    public string RepoRoot { get; } = global::GitOps.Build.Tests.Support.TestTools.RepoRoot;
    public IReadOnlyList<ChartApplication> Applications { get; private set; } = [];
    public IReadOnlyDictionary<string, RenderedRelease> Releases { get; private set; } = new Dictionary<string, RenderedRelease>();
    public IReadOnlyDictionary<string, RenderResult> RenderResults { get; private set; } = new Dictionary<string, RenderResult>();
    public IReadOnlyDictionary<string, UnitOutcome> Lints { get; private set; } = new Dictionary<string, UnitOutcome>();

    public RenderedRelease For(string environment) =>
        Releases.TryGetValue(environment, out var release)
            ? release
            : throw new Xunit.Sdk.XunitException($"no render for environment '{environment}'");

    public async Task InitializeAsync()
    {
        var session = TestSession.Open(RepoRoot);
        var units = ChartApplication.UnitsOf(session);
        Applications = ChartApplication.LoadAll(session);
        var rendered = await session.Renderer.RenderAllAsync(units, parallelism: 4);
        var linted = await session.Renderer.LintAllAsync(units, parallelism: 4);

        // A failed render is kept out of Releases; the Template test reports it with the renderer's findings.
        Releases = Applications.Zip(rendered).Where(p => p.Second.Rendered is not null)
            .ToDictionary(p => p.First.Environment, p => new RenderedRelease(p.First.Environment, p.Second.Rendered!.Text));
        RenderResults = Applications.Zip(rendered).ToDictionary(p => p.First.Environment, p => p.Second);
        Lints = Applications.Zip(linted).ToDictionary(p => p.First.Environment, p => p.Second);
    }

    public Task DisposeAsync() => Task.CompletedTask;
}

[CollectionDefinition(Name)]
public sealed class ChartRendersCollection : ICollectionFixture<ChartRenders>
{
    public const string Name = "Chart renders";
}
