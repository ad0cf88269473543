using GitOps.Build.Config;
using GitOps.Build.Findings;
using GitOps.Build.GitOps;

namespace GitOps.Build.Checks.Environment;

/// <summary>
/// The seed's environment rules, read from the environments file rather than hard-coded: an
/// Application of an autoSync environment (dev, staging) syncs automatically with prune and
/// self-heal; one of a manual environment (prod) has none of the three.
/// </summary>
public static class SyncPolicyRules
{
    public static void Check(ArgoApplication app, string? unitEnvironment, EnvironmentsConfig environments, CheckedObject target, FindingSink sink)
    {
        var name = app.EnvironmentLabel ?? unitEnvironment;
        if (name == null) return;
        var policy = environments.Find(name);
        if (policy == null)
        {
            if (app.EnvironmentLabel != null && environments.Environments.Count > 0 && !environments.Inferred)
            {
                sink.Add(Rules.UnknownEnvironment, target, "/metadata/labels/environment",
                    $"Application {app.Name} is labelled environment={name}, which {Path.GetFileName(environments.File)} does not define ({string.Join(", ", environments.Environments.Select(e => e.Name))})");
            }
            return;
        }
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
                    $"Application {app.Name} ({policy.Name}, manual sync) has {string.Join(", ", present)}; {policy.Name} is synced by hand after review");
            }
        }
    }
}
