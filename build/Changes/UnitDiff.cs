namespace GitOps.Build.Changes;

/// <summary>
/// What one touched unit renders differently: the objects that changed, and a note for a side
/// that did not render (the base of an added unit has nothing to render; a base that failed is
/// shown as rendering nothing, with why).
/// </summary>
public sealed record UnitDiff(TouchedUnit Touched, IReadOnlyList<ResourceChange> Resources, string? Note = null)
{
    public string Application => Touched.Unit.Application.Key;
    public string? Environment => Touched.Unit.Environment;
    public string Id => Touched.Id;
    public int Added => Resources.Count(r => r.Change == ResourceChangeKind.Added);
    public int Changed => Resources.Count(r => r.Change == ResourceChangeKind.Changed);
    public int Removed => Resources.Count(r => r.Change == ResourceChangeKind.Removed);
    public int LinesAdded => Resources.Sum(r => r.LinesAdded);
    public int LinesRemoved => Resources.Sum(r => r.LinesRemoved);
}

/// <summary>
/// A whole diff: which revision the working tree was compared with, every touched unit's differences,
/// the Applications changed as objects, and the working tree's load problems.
/// </summary>
public sealed record DiffResult(string BaseLabel, string BaseSha, IReadOnlyList<UnitDiff> Units)
{
    /// <summary>Applications whose own manifest the change alters (destination, project, sync policy, revisions, ...).</summary>
    public IReadOnlyList<ApplicationChange> Applications { get; init; } = [];

    /// <summary>What keeps the working tree from being read whole (an Application not read shows as removed objects).</summary>
    public IReadOnlyList<Findings.Finding> Problems { get; init; } = [];

    /// <summary>Units whose rendering differs (a touched unit can render the same, e.g. a comment changed).</summary>
    public IReadOnlyList<UnitDiff> Differing => Units.Where(u => u.Resources.Count > 0 || u.Note != null).ToList();
}
