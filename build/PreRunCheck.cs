using GitOps.Build.Arguments;
using GitOps.Build.Arguments.Settings;
using GitOps.Build.Hosting;

namespace GitOps.Build;

/// <summary>
/// The run check the program installs (see <see cref="CakeHost.UseRunCheck"/>): every argument is
/// one the run's tasks take and has a value they accept; what the arguments name is there (the
/// repository and its configuration, git revisions, input files: looked up here, since settings
/// only parse); and every repository name given exists. Any problem stops the run with exit 2
/// before a task starts.
/// </summary>
public static class PreRunCheck
{
    public static void Check(RunCheck run)
    {
        if (run.Context is not BuildContext context) return;
        var types = run.Tasks.Select(t => t.Type).ToList();
        context.Binder.Check(run.Targets, types, run.AllTasks.Select(t => t.Type).ToList(), settings => Resolve(context, settings));

        var settings = types.SelectMany(ArgumentCatalog.SettingsOf).ToHashSet();
        if (settings.Contains(typeof(SelectionSettings)))
        {
            var selection = context.Settings<SelectionSettings>();
            // Only then: the check reads the repository model, which a run without --app/--env may not need yet.
            if (selection.App != null || selection.Environment != null) RepositoryNames.CheckSelection(context.Session.Model, selection.App, selection.Environment);
        }
        if (settings.Contains(typeof(SealSecretSettings)))
        {
            var seal = context.Settings<SealSecretSettings>();
            RepositoryNames.CheckSelection(context.Session.Model, seal.App, seal.Environment);
        }
        if (settings.Contains(typeof(PromoteSettings)))
        {
            var promote = context.Settings<PromoteSettings>();
            RepositoryNames.CheckSelection(context.Session.Model, promote.App, null);
            RepositoryNames.CheckEnvironment(context.Session.Model, "to", promote.To);
            if (promote.From != null) RepositoryNames.CheckEnvironment(context.Session.Model, "from", promote.From);
            if (promote.Tag != null) CheckVersion("tag", promote.Tag);
        }
        if (settings.Contains(typeof(RollbackSettings)))
        {
            var rollback = context.Settings<RollbackSettings>();
            RepositoryNames.CheckSelection(context.Session.Model, rollback.App, rollback.Environment);
            if (rollback.To != null) CheckVersion("to", rollback.To);
        }
        if (settings.Contains(typeof(PullRequestSettings)) && context.Settings<PullRequestSettings>().PullRequest)
        {
            if (context.Settings<PromotionChangeSettings>().Push || settings.Contains(typeof(PromoteSettings)) && context.Settings<PromoteSettings>().GitTag)
                throw new UsageException("--pull-request pushes its own branch and the pull request's merge makes the commit on yours; leave out --push and --git-tag.");
            _ = context.PullRequests;
        }
        if (settings.Contains(typeof(NewAppSettings)))
        {
            var app = context.Settings<NewAppSettings>();
            if (app.From != null) RepositoryNames.CheckSelection(context.Session.Model, app.From, null);
            foreach (var environment in app.Environments ?? []) RepositoryNames.CheckEnvironment(context.Session.Model, "env", environment);
        }
        if (settings.Contains(typeof(NewEnvironmentSettings)))
        {
            var environment = context.Settings<NewEnvironmentSettings>();
            RepositoryNames.CheckEnvironment(context.Session.Model, environment.Place.Side, environment.Place.Environment);
        }
    }

    private static void CheckVersion(string argument, string value)
    {
        if (!Promotion.ImageTagRules.TryParseVersion(value, out _, out _))
            throw new UsageException($"--{argument}={value} is not an image version; give {Promotion.ImageTagRules.Forms}.");
    }

    /// <summary>What a bound settings class names, looked up through the context (each is resolved once, and the tasks read the same).</summary>
    private static readonly Dictionary<Type, Action<BuildContext>> Resolvers = new()
    {
        [typeof(RepositorySettings)] = c => _ = c.Repository,
        [typeof(RenderSettings)] = c => _ = c.Artifacts,
        [typeof(DiffSettings)] = c => _ = c.DiffBase,
        [typeof(SinceSettings)] = c => _ = c.SinceRevision,
        [typeof(MergeSettings)] = c => _ = c.ShardReports,
        [typeof(ShardSettings)] = c => _ = c.RecordedDurations,
    };

    private static void Resolve(BuildContext context, Type settings)
    {
        if (Resolvers.TryGetValue(settings, out var resolve)) resolve(context);
    }
}
