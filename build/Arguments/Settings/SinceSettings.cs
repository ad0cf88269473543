namespace GitOps.Build.Arguments.Settings;

/// <summary>CI --since: lint, render and validate only what a change since a revision touches (see TouchedUnits); the revision is resolved in the pre-run check.</summary>
public sealed class SinceSettings
{
    [Argument("since", "Lint and render only the Applications changed since this revision (working tree against it); repository-wide checks still see every Application.", Value = "ref")]
    public string? Since { get; set; }
}
