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
    public static IReadOnlyList<PromotionStatusRow> Of(IGitWorkingTree git, GitOps.RepositoryModel model) =>
        Rows(git, EnvironmentCatalog.From(model.Environments), PromotionTargets.From(model));

    public static IReadOnlyList<PromotionStatusRow> Rows(IGitWorkingTree git, EnvironmentCatalog catalog,
        IReadOnlyList<PromotionTarget> targets, string tagPath = "image.tag")
    {
        var tags = targets.ToDictionary(t => (t.App, t.Environment),
            t => t.TagPathOr(tagPath) is { } path ? ValuesFile.GetScalar(t.ValuesFile, path)?.Value : null);
        return targets
            .OrderBy(t => t.App, StringComparer.Ordinal)
            .ThenBy(t => catalog.PositionOf(t.Environment) is var i and >= 0 ? i : int.MaxValue)
            .ThenBy(t => t.Environment, StringComparer.Ordinal)
            .Select(t =>
            {
                var tag = tags[(t.App, t.Environment)];
                var previous = catalog.Previous(t.Environment);
                var behind = previous is not null
                    && tags.TryGetValue((t.App, previous), out var previousTag)
                    && previousTag is not null && previousTag != tag;
                return new PromotionStatusRow(t.App, t.Environment, tag, (t.TagPathOr(tagPath) is { } path ? TagSetBy(git, t.ValuesFile, path, tag) : null), behind, t.ValuesFile);
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
