using GitOps.Build.GitOps;
using GitOps.Build.Hosting;
using GitOps.Build.Primitives;

namespace GitOps.Build.Arguments;

/// <summary>
/// Names given on the command line (--app, --env, --to, --from) checked against the repository
/// before a run starts: a name that matches nothing is a usage error listing what exists, never
/// a green run that checked nothing.
/// </summary>
public static class RepositoryNames
{
    public static IReadOnlyList<string> Environments(RepositoryModel model) =>
        model.Environments.Environments.Select(e => e.Name)
            .Concat(model.Units.Select(u => u.Environment).OfType<string>())
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    /// <summary>Throws <see cref="UsageException"/> when --app or --env names nothing, or the pair selects nothing.</summary>
    public static void CheckSelection(RepositoryModel model, string? app, string? environment)
    {
        if (app == null && environment == null) return;
        var problems = new List<string>();
        if (app != null && !model.AppNames.Contains(app, StringComparer.OrdinalIgnoreCase))
            problems.Add(Unknown("app", app, "apps", model.AppNames));
        if (environment != null) CheckEnvironment(model, "env", environment, problems);
        if (problems.Count == 0 && model.UnitsOf(app, environment).Count == 0)
        {
            var where = model.UnitsOf(app, null).Select(u => u.Environment).OfType<string>().Distinct().Order().ToList();
            problems.Add($"--app={app} --env={environment}: no Application of {app} in {environment}; {app} is in: {(where.Count > 0 ? string.Join(", ", where) : "no environment")}.");
        }
        if (problems.Count > 0) throw new UsageException(string.Join("\n", problems));
    }

    /// <summary>Throws <see cref="UsageException"/> when an environment argument names no environment.</summary>
    public static void CheckEnvironment(RepositoryModel model, string argument, string environment)
    {
        var problems = new List<string>();
        CheckEnvironment(model, argument, environment, problems);
        if (problems.Count > 0) throw new UsageException(problems[0]);
    }

    private static void CheckEnvironment(RepositoryModel model, string argument, string environment, List<string> problems)
    {
        var environments = Environments(model);
        if (!environments.Contains(environment, StringComparer.OrdinalIgnoreCase))
            problems.Add(Unknown(argument, environment, "environments", environments));
    }

    private static string Unknown(string argument, string value, string what, IReadOnlyCollection<string> known)
    {
        var close = EditDistance.Closest(value, known);
        return $"--{argument}={value} matches nothing in this repository" + (close != null ? $" (did you mean {close}?)" : "") +
               $"; {what}: {(known.Count > 0 ? string.Join(", ", known) : "none")}.";
    }
}
