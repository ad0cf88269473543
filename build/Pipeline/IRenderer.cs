using GitOps.Build.GitOps;

namespace GitOps.Build.Pipeline;

/// <summary>
/// The one way units are linted and rendered, for every target and the tests: Lint, Template,
/// Validate's sealing checks, Promote, the sealing targets, BackupKey/RestoreKey's repository scan.
/// <see cref="RenderService"/> is the implementation; it dispatches on <see cref="RenderUnit.Kind"/>.
/// </summary>
public interface IRenderer
{
    /// <summary>The unit as Argo CD renders it (helm template for Helm), or the findings that stopped it; nothing is written.</summary>
    RenderResult Render(RenderUnit unit);

    /// <summary>The unit's lint (helm lint --strict for Helm) with its own values.</summary>
    UnitOutcome Lint(RenderUnit unit);
}

/// <summary>
/// Renders and lints the units of one <see cref="SourceKind"/>. A Kustomize or directory renderer is
/// one more implementation handed to <see cref="RenderService"/>; no caller changes.
/// </summary>
public interface ISourceRenderer
{
    SourceKind Kind { get; }

    /// <param name="artifact">The file the rendered objects are named by (the Template stage writes the text there).</param>
    RenderResult Render(RepositoryModel model, RenderUnit unit, string artifact);

    UnitOutcome Lint(RepositoryModel model, RenderUnit unit);
}

/// <summary>
/// The one render loop: many units at once, in parallel, results in the order of the units. Every
/// stage and operation that renders or lints more than one unit goes through it (Lint, Template, Diff's two sides).
/// </summary>
public static class RenderBatch
{
    public static Task<IReadOnlyList<RenderResult>> RenderAllAsync(this IRenderer renderer, IEnumerable<RenderUnit> units, int parallelism,
        CancellationToken cancellationToken = default) => RunAsync(units, parallelism, renderer.Render, cancellationToken);

    public static Task<IReadOnlyList<UnitOutcome>> LintAllAsync(this IRenderer renderer, IEnumerable<RenderUnit> units, int parallelism,
        CancellationToken cancellationToken = default) => RunAsync(units, parallelism, renderer.Lint, cancellationToken);

    /// <param name="items">Units, or whatever names a unit and how to render it (a unit with its side's renderer).</param>
    public static async Task<IReadOnlyList<T>> RunAsync<TItem, T>(IEnumerable<TItem> items, int parallelism, Func<TItem, T> work,
        CancellationToken cancellationToken = default)
    {
        var list = items.ToList();
        var results = new T[list.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, list.Count), new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken },
            (i, _) => { results[i] = work(list[i]); return ValueTask.CompletedTask; });
        return results;
    }
}

public static class RendererExtensions
{
    /// <summary>The unit rendered, for targets that cannot go on without it: otherwise the target stops with the renderer's findings.</summary>
    /// <exception cref="InvalidOperationException">The unit did not render; the message lists where and why.</exception>
    public static RenderedUnit RenderOrThrow(this IRenderer renderer, RenderUnit unit)
    {
        var result = renderer.Render(unit);
        return result.Rendered ?? throw new InvalidOperationException(
            $"{unit.Id} does not render ({result.Outcome.StatusText}): " + string.Join("; ", result.Outcome.Findings.Select(f => $"{f.Location}: {f.Message}")));
    }
}
