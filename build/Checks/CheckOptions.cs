using GitOps.Build.Config;
using GitOps.Build.Findings;
using GitOps.Build.Sealing;

namespace GitOps.Build.Checks;

/// <summary>
/// What the checks need beyond the repository model. Defaults are the seed's: its policy profile
/// (UID 1000, ...), a 4096-bit sealing key; a run takes its own from the repository configuration
/// (<see cref="For(Session.RepositorySession)"/>). (Which image tags are immutable is one rule
/// shared with Promote: Manifests/ImageTags.)
/// </summary>
public sealed record CheckOptions
{
    public static CheckOptions Default { get; } = new();

    /// <summary>The check options a repository configuration asks for (the profile, Argo CD's namespaces).</summary>
    public static CheckOptions For(RepositoryConfig config) => Default with
    {
        Profile = config.Profile,
        ArgoCdNamespaces = config.ArgoCdNamespaces ?? Default.ArgoCdNamespaces,
    };

    /// <summary>
    /// The check options of a repository session: its configuration's, with the repository's sealing
    /// certificate when it loads (a broken or expired one is SEALING-CERT's finding, and the shape check
    /// then falls back to <see cref="SealingKeyBits"/>).
    /// </summary>
    public static CheckOptions For(Session.RepositorySession session) => For(session.Config) with { SealingCertificate = session.Certificate().Certificate };

    /// <summary>The policy profile of environments that name none.</summary>
    public PolicyProfile Profile { get; init; } = PolicyProfile.Seed;

    /// <summary>The profile an object's environment asks for.</summary>
    public PolicyProfile ProfileFor(Config.EnvironmentPolicy? environment) =>
        PolicyProfile.Find(environment?.Profile) ?? Profile;

    /// <summary>
    /// A policy rule's severity for an object in an environment: the environment's require: first
    /// (podDisruptionBudget), then its profile; null when the rule is off there.
    /// </summary>
    public Severity? SeverityOf(Rule rule, Config.EnvironmentPolicy? environment)
    {
        if (environment?.Inferred == true && EnvironmentRules.Contains(rule))
            return ProfileFor(environment).SeverityOf(rule) is null ? null : Severity.Warning;
        if (rule == Rules.DisruptionBudget && environment?.RequireDisruptionBudget is { } pdb) return pdb ? Severity.Error : null;
        if (rule == Rules.AntiAffinity && environment?.RequireAntiAffinity == true) return Severity.Error;
        return ProfileFor(environment).SeverityOf(rule);
    }

    /// <summary>The rules an environment's policy brings (prod's): warnings where the environment is only inferred.</summary>
    private static readonly Rule[] EnvironmentRules = [Rules.ManualSync, Rules.MutableImageTag, Rules.AntiAffinity];

    /// <summary>The controller's certificate, when known: sealed values must match its key size.</summary>
    public SealingCertificate? SealingCertificate { get; init; }

    /// <summary>The key size sealed values must have when no certificate is given.</summary>
    public int SealingKeyBits { get; init; } = 4096;

    /// <summary>
    /// Repository folders (relative to the root) scanned for plaintext Secrets and unsealed values.
    /// Null: every top-level folder that holds a chart, a value file or an Argo CD manifest the model read.
    /// </summary>
    public IReadOnlyList<string>? ScanFolders { get; init; }

    /// <summary>
    /// The namespaces Argo CD reads its own objects (Applications, ApplicationSets, AppProjects)
    /// from: its install namespace, plus any "Applications in any namespace" allows.
    /// </summary>
    public IReadOnlyList<string> ArgoCdNamespaces { get; init; } = ["argocd"];

    internal int SealingModulusBytes => SealingCertificate?.ModulusBytes ?? SealingKeyBits / 8;
}
