namespace GitOps.Build.Mapping;

/// <summary>What part of the repository the map draws, and how much of it it folds.</summary>
public sealed record MapOptions
{
    /// <summary>An ApplicationSet with more Applications than this is drawn as one node with their count, unless <see cref="Expand"/>.</summary>
    public const int DefaultFoldAbove = 8;

    /// <summary>Only the Applications of this environment (--env), with what deploys them; null: every environment.</summary>
    public string? Environment { get; init; }

    /// <summary>Only the Applications of this app (--app, as units name it), with what deploys them; null: every app.</summary>
    public string? App { get; init; }

    /// <summary>Only these Applications, by name, with what deploys them (Diff's map of the touched Applications); null: no such limit.</summary>
    public IReadOnlySet<string>? Only { get; init; }

    /// <summary>Every Application drawn, however many an ApplicationSet generates (--expand).</summary>
    public bool Expand { get; init; }

    public int FoldAbove { get; init; } = DefaultFoldAbove;
}
