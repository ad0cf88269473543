using GitOps.Build.Arguments.Settings;
using GitOps.Build.Hosting;
using GitOps.Build.Primitives;
using GitOps.Build.Sealing;

namespace GitOps.Build.Tasks;

/// <summary>
/// What the sealing targets share: the certificate, key file and scope from the arguments. What is
/// sealed where is <see cref="SealingInventory"/>'s (<see cref="BuildContext.Sealing"/>).
/// </summary>
internal static class SealingSupport
{
    /// <summary>The certificate for an Application (none: the default cluster's); see <see cref="CertificateDiscovery.PathFor"/>.</summary>
    public static string CertificatePath(BuildContext context, GitOps.ArgoApplication? app = null) =>
        CertificateDiscovery.PathFor(context.Settings<CertificateSettings>().Cert, context.Repository.Config, context.Root, app?.DestinationName, app?.DestinationServer);

    /// <summary>The certificate (--cert, or the repository's), or why there is none; see <see cref="SealingCertificates.Load"/>.</summary>
    public static CertificateLoad Certificate(BuildContext context) => SealingCertificates.Load(CertificatePath(context));

    /// <summary>The certificate for a target that seals: its problem is the target's error; its warnings and identity are logged.</summary>
    public static SealingCertificate LoadCertificate(BuildContext context)
    {
        var loaded = Certificate(context);
        var cert = loaded.Require();
        foreach (var warning in loaded.Warnings) context.Log.Warn(warning);
        context.Log.Say($"certificate {Relative(context, loaded.Path)}: RSA {cert.KeySizeBits}, SHA-256 {cert.Sha256Fingerprint}, expires {cert.NotAfter:yyyy-MM-dd}");
        return cert;
    }

    public static KeyBackup LoadKeys(BuildContext context, string path)
    {
        var backup = KeyBackupReader.LoadFile(path).EnsureValid();
        context.Log.Say($"key file {Relative(context, path)}: {backup.Keys.Count} key(s): {string.Join(", ", backup.Keys.Select(k => k.Name))}");
        return backup;
    }

    /// <summary>A --scope value (already one of the allowed names) as a scope.</summary>
    public static SealingScope? Scope(string? text)
    {
        if (text is null) return null;
        return SealingScopes.TryParse(text, out var scope)
            ? scope
            : throw new UsageException($"--scope={text} is not allowed; use one of: strict, namespace-wide, cluster-wide.");
    }

    /// <summary>
    /// Validate's sealing checks over what Template rendered in this run: every sealed value well-formed
    /// for the repository certificate and, with --key-file, opening under the label its Application implies.
    /// </summary>
    public static IReadOnlyList<Findings.Finding> CheckRendered(BuildContext context) => CheckRendered(context, Certificate(context));

    public static IReadOnlyList<Findings.Finding> CheckRendered(BuildContext context, CertificateLoad loaded)
    {
        // A --shard job checks the sealed values of the units it owns (the only ones it renders);
        // what is wrong with a certificate is about the repository, job 1's to say.
        var shard = context.Shard;
        var values = context.Sealing.ValuesOf(context.Rendered);
        // Each value against the certificate of its Application's cluster (gitops-build.yaml's
        // sealing.clusters); with one certificate, that is the one already loaded.
        var certificateOf = context.Model.Units.ToDictionary(u => u.Id, u => CertificatePath(context, u.Application));
        var byCertificate = values.GroupBy(v => certificateOf.GetValueOrDefault(v.Unit) ?? CertificatePath(context))
            .ToDictionary(g => g.Key, g => (IReadOnlyList<SealedValueInRepo>)g.ToList());
        // The default certificate is judged even when no value uses it (an expired one is an error).
        byCertificate.TryAdd(loaded.Path, []);
        // --key-file is read once, when a certificate is there to check values against.
        var keys = new Lazy<KeyBackup?>(() => context.Settings<ValidateSettings>().KeyFile is { } keyFile ? LoadKeys(context, keyFile) : null);
        return byCertificate
            .SelectMany(c => CheckWith(context, c.Key == loaded.Path ? loaded : SealingCertificates.Load(c.Key), c.Value, shard, keys))
            .Distinct().ToList();
    }

    private static IEnumerable<Findings.Finding> CheckWith(BuildContext context, CertificateLoad loaded, IReadOnlyList<SealedValueInRepo> values,
        Sharding.ShardPlan shard, Lazy<KeyBackup?> keys)
    {
        var owned = shard.Spec is null ? values : values.Where(v => shard.Owns(v.Unit)).ToList();
        var findings = new List<Findings.Finding>();
        if (loaded.Certificate is null && !File.Exists(loaded.Path) && context.Settings<CertificateSettings>().Cert is null)
        {
            // No certificate where this repository would keep one: a repository that does not use
            // Sealed Secrets (nothing to say), or one whose sealed values cannot be checked (a warning).
            // A --shard job sees its own units' values only: each job with some says so in the same
            // words (no count), so MergeReports keeps one.
            var which = shard.Spec is null ? $"{values.Count} sealed value(s) are" : "sealed values are";
            return owned.Count == 0 ? [] :
            [
                Findings.Rules.SealingCert.At("pub-cert.pem", Relative(context, loaded.Path), 0,
                    $"{which} rendered but there is no certificate at {Relative(context, loaded.Path)}, so they are not checked; " +
                    "save it there with --target=FetchCert, name it in gitops-build.yaml (sealing.certificate) or pass --cert=<file>", Findings.Severity.Warning),
            ];
        }
        if (shard.RunsRepositoryWide) findings.AddRange(SealedValueChecks.Certificate(loaded, Relative(context, loaded.Path)));
        if (loaded.Certificate is not { } certificate) return findings;
        findings.AddRange(SealedValueChecks.Check(owned, certificate, keys.Value));
        return findings;
    }

    /// <summary>A path inside the repository relative to its root; one outside it in full.</summary>
    public static string Relative(BuildContext context, string path) => IO.RepoPath.Relative(context.Root, path);
}
