using GitOps.Build.Findings;
using GitOps.Build.Pipeline;
using GitOps.Build.Sealing;
using GitOps.Build.Session;

namespace GitOps.Build.Checks.Sealing;

/// <summary>
/// Validate's sealing checks over what was rendered: every sealed value well-formed for the certificate
/// of its Application's cluster (gitops-build.yaml's sealing.clusters; with one certificate, the
/// repository's) and, with a key backup, opening under the label its Application implies; and each
/// certificate itself (SEALING-CERT: missing, broken, expired or expiring). A repository that keeps no
/// certificate where it would and seals nothing gets no finding; one that seals without one, a warning.
/// </summary>
public static class SealingRules
{
    /// <param name="keys">The key backup (--key-file), read only when a certificate is there to check values against.</param>
    public static IReadOnlyList<Finding> Check(RepositorySession session, IEnumerable<RenderedUnit> rendered, CheckScope scope, Lazy<KeyBackup?> keys)
    {
        var loaded = session.Certificate();
        var values = session.Sealing.ValuesOf(rendered);
        var certificateOf = session.Model.Units.ToDictionary(u => u.Id, u => session.CertificatePath(u.Application));
        var byCertificate = values.GroupBy(v => (v.Unit is { } unit ? certificateOf.GetValueOrDefault(unit) : null) ?? loaded.Path)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<SealedValue>)g.ToList());
        // The default certificate is judged even when no value uses it (an expired one is an error).
        byCertificate.TryAdd(loaded.Path, []);
        return byCertificate.SelectMany(c => CheckWith(session, session.Certificate(c.Key), c.Value, scope, keys)).Distinct().ToList();
    }

    private static IEnumerable<Finding> CheckWith(RepositorySession session, CertificateLoad loaded, IReadOnlyList<SealedValue> values,
        CheckScope scope, Lazy<KeyBackup?> keys)
    {
        // A --shard job checks the sealed values of the units it owns (the only ones it renders);
        // what is wrong with a certificate is about the repository, job 1's to say.
        var owned = values.Where(v => v.Unit is null || scope.OwnsUnit(v.Unit)).ToList();
        var file = session.Relative(loaded.Path);
        if (loaded.Certificate is null && !File.Exists(loaded.Path) && !session.CertificateGiven)
        {
            // No certificate where this repository would keep one: a repository that does not use
            // Sealed Secrets (nothing to say), or one whose sealed values cannot be checked (a warning).
            // A --shard job sees its own units' values only: each job with some says so in the same
            // words (no count), so MergeReports keeps one.
            var which = scope.Sharded ? "sealed values are" : $"{values.Count} sealed value(s) are";
            return owned.Count == 0 ? [] :
            [
                Rules.SealingCert.At("pub-cert.pem", file, 0,
                    $"{which} rendered but there is no certificate at {file}, so they are not checked; " +
                    "save it there with --target=FetchCert, name it in gitops-build.yaml (sealing.certificate) or pass --cert=<file>", Severity.Warning),
            ];
        }
        var findings = new List<Finding>();
        if (scope.RepositoryWide) findings.AddRange(SealedValueChecks.Certificate(loaded, file));
        if (loaded.Certificate is not { } certificate) return findings;
        findings.AddRange(SealedValueChecks.Check(owned, certificate, keys.Value));
        return findings;
    }
}
