using GitOps.Build.Git;

namespace GitOps.Build.Arguments.Settings;

/// <summary>CI --since: lint, render and validate only what a change since a revision touches (see TouchedUnits).</summary>
public sealed class SinceSettings : ICheckedSettings
{
    [Argument("since", "Lint and render only the Applications changed since this revision (working tree against it); repository-wide checks still see every Application.", Value = "ref")]
    public string? Since { get; set; }

    /// <summary>The revision, resolved before the run (an unknown ref stops it with exit 2); null without --since.</summary>
    public GitRevisions.Revision? Revision { get; private set; }

    public void Check(ArgumentBinder binder)
    {
        if (Since is { } since) Revision = GitWorkingTree.For(binder.Root, "since").Resolve(binder.Root, since, "since");
    }
}
