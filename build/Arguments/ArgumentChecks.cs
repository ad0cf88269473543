using GitOps.Build.Arguments.Settings;
using GitOps.Build.Hosting;

namespace GitOps.Build.Arguments;

/// <summary>
/// The run check the program installs (see <see cref="CakeHost.UseRunCheck"/>): every argument is
/// one the run's tasks take and has a value they accept, and every repository name given exists.
/// Also the argument part of <c>--help</c>, generated from the same declarations.
/// </summary>
public static class ArgumentChecks
{
    public static void Check(RunCheck run)
    {
        if (run.Context is not BuildContext context) return;
        var types = run.Tasks.Select(t => t.Type).ToList();
        context.RunName = string.Join(", ", run.Targets.Select(t =>
            run.AllTasks.FirstOrDefault(d => string.Equals(d.Name, t, StringComparison.OrdinalIgnoreCase)) is { Name: CakeHost.DefaultTarget, DependsOn: [var only] } ? only : t));
        context.Arguments.Check(run.Targets, types, run.AllTasks.Select(t => t.Type).ToList());

        var settings = types.SelectMany(ArgumentCatalog.SettingsOf).ToHashSet();
        if (settings.Contains(typeof(SelectionSettings)))
        {
            var selection = context.Settings<SelectionSettings>();
            // Only then: the check reads the repository model, which a run without --app/--env may not need yet.
            if (selection.App != null || selection.Environment != null) RepositoryNames.CheckSelection(context.Model, selection.App, selection.Environment);
        }
        if (settings.Contains(typeof(SealSecretSettings)))
        {
            var seal = context.Settings<SealSecretSettings>();
            RepositoryNames.CheckSelection(context.Model, seal.App, seal.Environment);
        }
        if (settings.Contains(typeof(PromoteSettings)))
        {
            var promote = context.Settings<PromoteSettings>();
            RepositoryNames.CheckSelection(context.Model, promote.App, null);
            RepositoryNames.CheckEnvironment(context.Model, "to", promote.To);
            if (promote.From != null) RepositoryNames.CheckEnvironment(context.Model, "from", promote.From);
            if (promote.Tag != null) CheckVersion("tag", promote.Tag);
        }
        if (settings.Contains(typeof(RollbackSettings)))
        {
            var rollback = context.Settings<RollbackSettings>();
            RepositoryNames.CheckSelection(context.Model, rollback.App, rollback.Environment);
            if (rollback.To != null) CheckVersion("to", rollback.To);
        }
        if (settings.Contains(typeof(PullRequestSettings)) && context.Settings<PullRequestSettings>().PullRequest)
        {
            if (types.SelectMany(ArgumentCatalog.SettingsOf).Contains(typeof(PromoteSettings)) && context.Settings<PromoteSettings>() is { Push: true } or { GitTag: true }
                || types.SelectMany(ArgumentCatalog.SettingsOf).Contains(typeof(RollbackSettings)) && context.Settings<RollbackSettings>().Push)
                throw new UsageException("--pull-request pushes its own branch and the pull request's merge makes the commit on yours; leave out --push and --git-tag.");
            _ = context.PullRequests;
        }
    }

    private static void CheckVersion(string argument, string value)
    {
        if (!Promotion.ImageTagRules.TryParseVersion(value, out _, out _))
            throw new UsageException($"--{argument}={value} is not an image version; give {Promotion.ImageTagRules.Forms}.");
    }

    /// <summary>Help rows for the arguments of <paramref name="tasks"/>: usage, what it is, and which targets take it.</summary>
    public static IEnumerable<(string Name, string Description)> Help(IReadOnlyList<TaskDefinition> tasks)
    {
        var byName = tasks
            .SelectMany(t => ArgumentCatalog.ForTask(t.Type).Select(a => (Task: t.Name, Argument: a)))
            .GroupBy(x => x.Argument.Name, StringComparer.OrdinalIgnoreCase)
            .OrderBy(g => g.Key, StringComparer.Ordinal);
        foreach (var group in byName)
        {
            var first = group.First().Argument;
            var targets = group.Select(x => x.Task).Distinct().ToList();
            var takers = tasks.Count == 1 || targets.Count == tasks.Count ? "" : $" [{string.Join(", ", targets)}]";
            // One name, several meanings (--output, --input, --key-file): the general line, and where to read each.
            var help = group.Select(x => x.Argument.Help).Distinct().Count() == 1
                ? first.Help
                : $"{first.Declaration.Help.TrimEnd('.')} (and similar; it differs per target: --help --target=<TARGET>).";
            yield return (first.Usage, help + takers);
        }
    }
}
