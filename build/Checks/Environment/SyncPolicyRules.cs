using GitOps.Build.Config;
using GitOps.Build.Findings;
using GitOps.Build.GitOps;

namespace GitOps.Build.Checks.Environment;

/// <summary>
/// The seed's environment rules, read from the environments file rather than hard-coded: an
/// Application of an autoSync environment (dev, staging) syncs automatically with prune and
/// self-heal; one of a manual environment (prod) has none of the three. The environment is the
/// model's (<see cref="RepositoryModel.EnvironmentOf(ArgoApplication)"/>: the destination's declared
/// environment before the label), so relabelling an Application does not take it out of its rules;
/// with environments declared, a label naming none of them is an error, and one naming another
/// environment than the destination's a warning.
/// </summary>
public static class SyncPolicyRules
{
    private const string LabelPointer = "/metadata/labels/environment";

    public static void Check(ArgoApplication app, string? environment, EnvironmentsConfig environments, CheckedObject target, FindingSink sink)
    {
        var declared = environments.Environments.Count > 0 && !environments.Inferred;
        if (declared && app.EnvironmentLabel is { } label)
        {
            if (environments.Find(label) is null)
                sink.Add(Rules.UnknownEnvironment, target, LabelPointer,
                    $"Application {app.Name} is labelled environment={label}, which {Path.GetFileName(environments.File)} does not define ({string.Join(", ", environments.Environments.Select(e => e.Name))})" +
                    (environment is not null && !string.Equals(environment, label, StringComparison.OrdinalIgnoreCase) ? $"; it deploys to {environment}'s destination and is judged as {environment}" : ""));
            else if (environment is not null && !string.Equals(environment, label, StringComparison.OrdinalIgnoreCase))
                sink.Add(Rules.EnvironmentMismatch, target, LabelPointer,
                    $"Application {app.Name} is labelled environment={label}, but its destination ({app.EffectiveNamespace}{(app.DestinationServer ?? app.DestinationName) switch { { } c => " on " + c, _ => "" }}) is {environment}'s; it is judged as {environment}");
        }
        if (environment == null) return;
        var policy = environments.Find(environment);
        if (policy == null) return;
        var sync = app.SyncPolicy;
        var pointer = app.Manifest.At("/spec/syncPolicy/automated") != null ? "/spec/syncPolicy/automated" : "/spec/syncPolicy";
        if (policy.AutoSync == true)
        {
            var missing = new[] { ("automated sync", sync.Automated), ("prune", sync.Prune), ("selfHeal", sync.SelfHeal) }
                .Where(x => !x.Item2).Select(x => x.Item1).ToList();
            if (missing.Count > 0)
            {
                sink.Add(Rules.AutoSync, target, pointer,
                    $"Application {app.Name} ({policy.Name}, autoSync) lacks {string.Join(", ", missing)}");
            }
        }
        else if (policy.AutoSync == false)
        {
            var present = new[] { ("automated sync", sync.Automated), ("prune", sync.Prune), ("selfHeal", sync.SelfHeal) }
                .Where(x => x.Item2).Select(x => x.Item1).ToList();
            if (present.Count > 0)
            {
                sink.Add(Rules.ManualSync, target, pointer,
                    $"Application {app.Name} ({policy.Name}, manual sync) has {string.Join(", ", present)}; {policy.Name} is synced by hand after review{policy.InferredNote}",
                    policy.Inferred ? Severity.Warning : null);
            }
        }
    }
}
