namespace GitOps.Build.Mapping;

/// <summary>The words for each mark, one place for the node labels and the legends of every writer.</summary>
public static class MapMarksText
{
    /// <summary>Each mark, in the order labels and legends list them.</summary>
    public static IReadOnlyList<MapMarks> Each { get; } = [MapMarks.ManualSync, MapMarks.Held, MapMarks.NotRendered];

    public static string Name(MapMarks mark) => mark switch
    {
        MapMarks.ManualSync => "manual sync",
        MapMarks.Held => "promotion held",
        MapMarks.NotRendered => "not rendered offline",
        _ => throw new ArgumentOutOfRangeException(nameof(mark), mark, "one mark at a time"),
    };

    /// <summary>What the legend says a mark means.</summary>
    public static string Meaning(MapMarks mark) => mark switch
    {
        MapMarks.ManualSync => "manual sync: no automated sync, someone presses Sync",
        MapMarks.Held => "promotion held: Promote does not move this app in this environment",
        MapMarks.NotRendered => "not rendered offline: a remote chart not in the cache, a plugin, or a source that fails to render",
        _ => throw new ArgumentOutOfRangeException(nameof(mark), mark, "one mark at a time"),
    };

    /// <summary>The marks of one node as a label line ("manual sync, not rendered offline"); empty for none.</summary>
    public static string Line(MapMarks marks) => string.Join(", ", Each.Where(m => marks.HasFlag(m)).Select(Name));
}
