using GitOps.Build.Git;
using GitOps.Build.Yaml;

namespace GitOps.Build.Promotion;

/// <summary>One line of the PromotionStatus table.</summary>
/// <param name="LastChange">The newest commit that set the tag to its current value; null when not committed yet.</param>
/// <param name="Behind">The environment before this one in the promotion order runs a different tag.</param>
public sealed record PromotionStatusRow(string App, string Environment, string? Tag, GitCommitSummary? LastChange, bool Behind, string ValuesFile);

/// <summary>Every app in every environment: its tag, the commit that set it, and whether it is behind the previous environment.</summary>
public static class PromotionStatus
{
    /// <summary>The rows of a repository: its environments' promotion order, every app's targets.</summary>
    /// <param name="git">The working tree whose history says who set each tag; null: not read (the map needs the tags only).</param>
    public static IReadOnlyList<PromotionStatusRow> Of(IGitWorkingTree? git, GitOps.RepositoryModel model) =>
        Rows(git, EnvironmentCatalog.From(model.Environments), PromotionTargets.From(model));

    /// <param name="git">The working tree whose history says who set each tag; null: not read.</param>
    public static IReadOnlyList<PromotionStatusRow> Rows(IGitWorkingTree? git, EnvironmentCatalog catalog,
        IReadOnlyList<PromotionTarget> targets, string tagPath = "image.tag")
    {
        var read = targets.Select(t => (Target: t, Tag: t.TagPathOr(tagPath) is { } path ? ValuesFile.GetScalar(t.ValuesFile, path)?.Value : null)).ToList();
        // An app may have several Applications in one environment (one per region or cluster): each is a row.
        var byEnvironment = read.ToLookup(r => (r.Target.App, r.Target.Environment), r => r.Tag);
        return read
            .OrderBy(r => r.Target.App, StringComparer.Ordinal)
            .ThenBy(r => catalog.PositionOf(r.Target.Environment) is var i and >= 0 ? i : int.MaxValue)
            .ThenBy(r => r.Target.Environment, StringComparer.Ordinal)
            .Select(r =>
            {
                var (t, tag) = r;
                var previous = catalog.Previous(t.Environment);
                // Behind: the environment before runs a tag, and none of its Applications runs this one.
                var previousTags = previous is null ? [] : byEnvironment[(t.App, previous)].OfType<string>().ToList();
                var behind = previousTags.Count > 0 && !previousTags.Contains(tag);
                return new PromotionStatusRow(t.App, t.Environment, tag, (git is not null && t.TagPathOr(tagPath) is { } path ? TagSetBy(git, t.ValuesFile, path, tag) : null), behind, t.ValuesFile);
            })
            .ToList();
    }

    /// <summary>Walks the file's history back to the oldest consecutive commit in which the tag already had its current value.</summary>
    private static GitCommitSummary? TagSetBy(IGitWorkingTree git, string file, string tagPath, string? tag)
    {
        GitCommitSummary? setBy = null;
        foreach (var version in git.FileHistory(file))
        {
            string? tagThen;
            try { tagThen = YamlScalarEditor.GetScalar(version.Content, tagPath, file)?.Value; }
            catch (YamlEditException) { break; } // an older, unparsable version: the newest known setter stands
            if (tagThen != tag) break;
            setBy = version.Commit;
        }
        return setBy;
    }
}
