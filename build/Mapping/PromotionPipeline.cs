using GitOps.Build.Promotion;

namespace GitOps.Build.Mapping;

/// <summary>One app in one environment of the promotion pipeline, as PromotionStatus reports it.</summary>
/// <param name="Tags">The versions its Applications there run (one, or one per region or cluster); null where one could not be read.</param>
/// <param name="Behind">The environment before this one in the promotion order runs a different tag.</param>
public sealed record PipelineCell(string App, string Environment, IReadOnlyList<string?> Tags, bool Behind, bool Held);

/// <summary>
/// The promotion pipeline as the map's second diagram: the environments in promotion order and each
/// app's tag in each, from <see cref="PromotionStatus"/> (the one reader of what each environment
/// runs; the map reads nothing of its own), with which environments are behind and which are held.
/// </summary>
public sealed record PromotionPipeline(IReadOnlyList<string> Environments, IReadOnlyList<string> Apps, IReadOnlyList<PipelineCell> Cells)
{
    public PipelineCell? Cell(string app, string environment) =>
        Cells.FirstOrDefault(c => c.App == app && c.Environment == environment);

    /// <summary>Whether the app is held in the environment (the map marks its Applications).</summary>
    public bool IsHeld(string? app, string? environment) =>
        app is not null && environment is not null
        && Cells.Any(c => c.Held && string.Equals(c.App, app, StringComparison.OrdinalIgnoreCase) && string.Equals(c.Environment, environment, StringComparison.OrdinalIgnoreCase));

    /// <param name="app">Only this app (--app); null: every app.</param>
    public static PromotionPipeline From(IReadOnlyList<PromotionStatusRow> rows, EnvironmentCatalog catalog, string? app = null)
    {
        var shown = rows.Where(r => app is null || string.Equals(r.App, app, StringComparison.OrdinalIgnoreCase)).ToList();
        // The promotion order, then any environment an app is in that the order does not name.
        var environments = catalog.Order.Concat(shown.Select(r => r.Environment).Where(e => catalog.PositionOf(e) < 0).Distinct().Order(StringComparer.Ordinal)).ToList();
        return new PromotionPipeline(environments,
            shown.Select(r => r.App).Distinct().Order(StringComparer.Ordinal).ToList(),
            shown.GroupBy(r => (r.App, r.Environment))
                .Select(g => new PipelineCell(g.Key.App, g.Key.Environment, g.Select(r => r.Tag).Distinct().ToList(), g.Any(r => r.Behind), g.Any(Held)))
                .ToList());
    }

    /// <summary>Whether PromotionStatus reports a hold on the row's app in its environment (Rollback records them; the map marks its Applications).</summary>
    private static bool Held(PromotionStatusRow row) => row.Hold is not null;
}
