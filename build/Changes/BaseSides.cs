using GitOps.Build.Git;
using Cake.Core.Diagnostics;
using GitOps.Build.GitOps;
using GitOps.Build.Primitives;
using GitOps.Build.Session;

namespace GitOps.Build.Changes;

/// <summary>
/// What Diff and CI --since share: the base side of a change, opened from the working tree's session
/// (its entry points mapped into the base revision's copy, the same tools), and the units a change touches.
/// </summary>
public sealed class BaseSides(RepositorySession head, CancellationToken cancellation)
{
    private Task<BaseSide>? _preloaded;

    /// <summary>The working tree's session the base sides are compared with.</summary>
    public RepositorySession Head => head;

    public BaseSide Open(GitRevisions.Revision revision) => BaseSide.Open(revision, head, cancellation);

    /// <summary>
    /// Starts writing and reading Diff's base side on a background thread (before the first task): on
    /// a large repository, writing its files and reading its model is most of a diff's own time, and
    /// it needs nothing the tasks before Diff produce.
    /// </summary>
    public void Preload(GitRevisions.Revision revision) => _preloaded = Task.Run(() => Open(revision));

    /// <summary>The base side <see cref="Preload"/> started (the caller owns it from now on), else opened now.</summary>
    public async Task<BaseSide> TakeAsync(GitRevisions.Revision revision) =>
        Interlocked.Exchange(ref _preloaded, null) is { } preloaded ? await preloaded : Open(revision);

    /// <summary>A preloaded base side nobody took (the run stopped before Diff): its scratch folder is deleted.</summary>
    public void Release()
    {
        if (Interlocked.Exchange(ref _preloaded, null) is not { } preloaded) return;
        try { preloaded.GetAwaiter().GetResult().Dispose(); }
        catch (Exception) { /* it failed to open: nothing to delete, and the run has its own error */ }
    }

    /// <summary>
    /// The ids of the units of the working tree touched since <paramref name="revision"/>, said in
    /// one line. Units removed since then are gone from the working tree, so not among them.
    /// </summary>
    public IReadOnlySet<string> TouchedSince(GitRevisions.Revision revision, ICakeLog log)
    {
        using var side = Open(revision);
        if (side.Problem is { } problem) log.Warn(problem);
        var touched = TouchedUnits.Find(side.Model, head.Model, side.Compare(head.Root), side.Session?.Config, head.Config)
            .Where(t => t.Head is { Kind: not SourceKind.Directory }).Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
        log.Say($"--since={revision.Label} ({revision.Sha[..12]}): {touched.Count} of {head.Model.Units.Count} units touched" +
                (touched.Count > 0 ? ": " + string.Join(", ", touched.Order(StringComparer.Ordinal)) : ""));
        return touched;
    }
}
