namespace GitOps.Build.Mapping;

/// <summary>What a node of the map stands for.</summary>
public enum MapNodeKind { Application, ApplicationSet, Folded }

/// <summary>What the map marks on an Application (a folded node carries the marks of the Applications in it).</summary>
[Flags]
public enum MapMarks
{
    None = 0,
    /// <summary>No automated sync: someone presses Sync.</summary>
    ManualSync = 1,
    /// <summary>A hold keeps Promote from moving the app in this environment.</summary>
    Held = 2,
    /// <summary>A source of the Application did not render offline (a remote chart not in the cache, a plugin, a broken chart).</summary>
    NotRendered = 4,
}

/// <summary>
/// One box of the map. <see cref="Id"/> is generated (<c>n1</c>, <c>n2</c>, …), never repository text,
/// so a name cannot become syntax; <see cref="Lines"/> is the label as plain text (name first), which
/// each writer escapes for its language.
/// </summary>
/// <param name="Group">The id of the <see cref="MapGroup"/> it is drawn in; null: outside every group.</param>
public sealed record MapNode(string Id, MapNodeKind Kind, string Name, IReadOnlyList<string> Lines, MapMarks Marks, string? Group)
{
    /// <summary>Deployed by nothing the repository holds: applied by hand (or by Bootstrap).</summary>
    public bool IsRoot { get; init; }

    /// <summary>A folded node: how many Applications it stands for.</summary>
    public int Count { get; init; }
}

/// <summary>Deploys: <see cref="From"/> holds, renders or generates <see cref="To"/> (node ids).</summary>
public sealed record MapEdge(string From, string To);

/// <summary>A box around nodes (an environment or a cluster): <see cref="Id"/> generated, <see cref="Title"/> plain text.</summary>
public sealed record MapGroup(string Id, string Title);

/// <summary>
/// The repository as a picture: roots → ApplicationSets → Applications, grouped by environment (or
/// by cluster when no Application has an environment). Built by <see cref="MapBuilder"/>, drawn by
/// the writers in Reporting (Mermaid, DOT).
/// </summary>
/// <param name="GroupedBy">"environment", "cluster" or "" (not grouped), for the legend.</param>
public sealed record MapGraph(IReadOnlyList<MapNode> Nodes, IReadOnlyList<MapEdge> Edges, IReadOnlyList<MapGroup> Groups, string GroupedBy)
{
    /// <summary>The marks some node carries, for a legend that explains only what is drawn.</summary>
    public MapMarks MarksUsed => Nodes.Aggregate(MapMarks.None, (all, n) => all | n.Marks);

    public static MapGraph Empty { get; } = new([], [], [], "");
}
