using System.Text.RegularExpressions;
using GitOps.Build.Config;

namespace GitOps.Build.GitOps;

/// <summary>An environment read from the names an Application uses, and where it was read.</summary>
public sealed record InferredEnvironment(string Name, string Evidence);

/// <summary>
/// Environments for a repository that declares none (no environments file): read from the words
/// people use — dev/development, test, qa, stage/staging, uat, prod/production/live — in an
/// Application's environment label, its name, its destination namespace or its source path, in
/// that order. What is inferred as prod gets the seed's prod rules (manual sync, no prune, no
/// self-heal, immutable tags), as warnings since nobody chose them; the other environments get no
/// sync rule, since nothing says what their owners chose. The run prints what it inferred, so a reader sees why a rule applied.
/// </summary>
public static partial class EnvironmentInference
{
    /// <summary>Canonical names in promotion order, with the words that mean each.</summary>
    private static readonly (string Name, string[] Words)[] Known =
    [
        ("dev", ["dev", "development"]),
        ("test", ["test"]),
        ("qa", ["qa"]),
        ("staging", ["stage", "staging"]),
        // user acceptance testing: the last gate before prod where a repository has one
        ("uat", ["uat"]),
        ("prod", ["prod", "production", "live"]),
    ];

    /// <summary>The environments the inference knows, in the promotion order it reads them in (dev, test, qa, staging, uat, prod).</summary>
    public static IReadOnlyList<string> Order { get; } = Known.Select(k => k.Name).ToList();

    private static readonly string[] Labels = ["environment", "env", "app.kubernetes.io/environment"];

    [GeneratedRegex(@"[A-Za-z0-9]+")]
    private static partial Regex Word();

    public static InferredEnvironment? Infer(ArgoApplication app)
    {
        foreach (var label in Labels)
        {
            if (app.Manifest.Labels.TryGetValue(label, out var value) && From(value) is { } fromLabel) return new(fromLabel, $"label {label}={value}");
        }
        if (From(app.Name) is { } fromName) return new(fromName, $"name '{app.Name}'");
        if (From(app.DestinationNamespace) is { } fromNamespace) return new(fromNamespace, $"namespace '{app.DestinationNamespace}'");
        foreach (var source in app.Sources)
        {
            if (From(source.Path) is { } fromPath) return new(fromPath, $"path '{source.Path}'");
        }
        return null;
    }

    /// <summary>
    /// Words that turn the environment word after them into another environment: non-prod is every environment but
    /// prod, pre-prod (pre-production) the one before it. Read as prod, such an Application would get prod's rules,
    /// be moved with prod's Applications by Promote and Rollback, and be declared prod by NewEnvironment.
    /// </summary>
    private static readonly string[] NotThatWord = ["non", "pre", "not"];

    /// <summary>The one environment the words of <paramref name="text"/> name; none when they name none or several.</summary>
    internal static string? From(string? text)
    {
        if (string.IsNullOrEmpty(text)) return null;
        var words = Word().Matches(text.ToLowerInvariant()).Select(m => m.Value).ToList();
        var named = words
            .Where((w, i) => i == 0 || !NotThatWord.Contains(words[i - 1]))
            .Select(w => Known.FirstOrDefault(k => k.Words.Contains(w)).Name)
            .OfType<string>().Distinct().ToList();
        return named.Count == 1 ? named[0] : null;
    }

    /// <summary>How many Applications each environment's line names before "and N more".</summary>
    public const int NamedPerEnvironment = 5;

    /// <summary>
    /// What was inferred, for the run to print once: a line saying so, then one line per environment
    /// with its first Applications (and the evidence) and how many more, so a repository of a hundred
    /// Applications gets a few short lines, not one long one. <paramref name="applications"/> are
    /// those whose environment was read from names.
    /// </summary>
    public static string Describe(IEnumerable<ArgoApplication> applications, bool declared = false)
    {
        var byEnvironment = applications
            .Select(a => (App: a, Env: Infer(a))).Where(x => x.Env != null)
            .GroupBy(x => x.Env!.Name)
            .OrderBy(g => Array.FindIndex(Known, k => k.Name == g.Key));
        var lines = byEnvironment.Select(g =>
        {
            var all = g.ToList();
            var named = string.Join(", ", all.Take(NamedPerEnvironment).Select(x => $"{x.App.Name} ({x.Env!.Evidence})"));
            return $"  {g.Key} ({all.Count}): {named}{(all.Count > NamedPerEnvironment ? $" and {all.Count - NamedPerEnvironment} more" : "")}";
        });
        var head = declared
            ? "environments read from names (no environment label, no declared namespace); label them environment: <name> to say otherwise:"
            : "no environments declared: environments inferred from names. prod gets the prod rules (manual sync, immutable tags, anti-affinity) as warnings; " +
              "declare environments: in gitops-build.yaml to make them errors (docs/configuration.md):";
        return head + "\n" + string.Join("\n", lines);
    }

    /// <summary>
    /// The declared environment an inferred one is: the one of the same name, else one whose name is
    /// another word for it ("production" for prod, "stage" for staging).
    /// </summary>
    public static EnvironmentPolicy? Declared(InferredEnvironment inferred, EnvironmentsConfig declared) =>
        declared.Find(inferred.Name)
        ?? declared.Environments.FirstOrDefault(e => Known.Any(k => k.Name == inferred.Name && k.Words.Contains(e.Name.ToLowerInvariant())));

    /// <summary>The environments the Applications' names imply, in promotion order, with their policy.</summary>
    public static EnvironmentsConfig Config(IEnumerable<ArgoApplication> applications, string file)
    {
        var present = applications.Select(Infer).OfType<InferredEnvironment>().Select(e => e.Name).ToHashSet();
        var names = Known.Select(k => k.Name).Where(present.Contains).ToList();
        var policies = names.Select(n => n == "prod"
            ? new EnvironmentPolicy(n, null, AutoSync: false, ImmutableTags: true) { Inferred = true }
            : new EnvironmentPolicy(n, null, AutoSync: null, ImmutableTags: false) { Inferred = true }).ToList();
        return new EnvironmentsConfig(file, names, policies) { Inferred = true };
    }
}
