using System.Security.Cryptography;
using GitOps.Build.Findings;
using GitOps.Build.Sealing;

namespace GitOps.Build.Checks.Sealing;

/// <summary>
/// Validate's sealing rules. Without keys: every value not set in a values file (those are checked by
/// CON-UNSEALED-VALUE) is well-formed for the certificate's key size (SEALING-MALFORMED). With a key backup: every value opens under the label its Application implies
/// (SEALING-LABEL); when it opens under another label seen in the repository, the finding says which,
/// so a name, namespace or scope mismatch is named before it reaches a cluster. A finding is dropped when
/// the rendered SealedSecret or its Application suppresses the rule (<see cref="SealedValue.Subjects"/>).
/// </summary>
public static class SealedValueChecks
{
    /// <summary>The certificate's own findings (SEALING-CERT): an error when there is none, a warning per validity warning.</summary>
    /// <param name="file">The certificate file as findings name it (relative to the repository).</param>
    public static IReadOnlyList<Finding> Certificate(CertificateLoad loaded, string file)
    {
        if (loaded.Problem is { } problem)
            return [Rules.SealingCert.At("pub-cert.pem", file, 0, problem)];
        return loaded.Warnings.Select(w => Rules.SealingCert.At("pub-cert.pem", file, 0, w, Severity.Warning)).ToList();
    }

    public static IReadOnlyList<Finding> Check(IReadOnlyList<SealedValue> values, SealingCertificate certificate, KeyBackup? keys = null)
    {
        var findings = new List<Finding>();
        var knownLabels = values.Select(v => v.Label).Concat(values.SelectMany(v => OtherScopes(v))).Distinct().ToList();
        foreach (var value in values)
        {
            if (SealedValueShape.Check(value.Ciphertext, certificate) is { } reason)
            {
                // A value set in a values file is reported there by CON-UNSEALED-VALUE (the repository
                // scan); only values that come from elsewhere (a template) are reported here.
                if (value.InValuesFile) continue;
                Add(value, Rules.SealingMalformed.At(value.Object, value.File, value.Line,
                    $"secrets.data.{value.Key} is not a sealed value for the repository certificate ({certificate.KeySizeBits}-bit): {reason}; seal it again with --key={value.Key}."));
                continue;
            }
            if (keys is null) continue;

            var opened = BackupUnsealer.TryUnseal(keys, value.Label, value.Ciphertext, out _);
            if (opened is not null)
            {
                CryptographicOperations.ZeroMemory(opened.Plaintext);
                continue;
            }
            Add(value, Rules.SealingLabelMismatch.At(value.Object, value.File, value.Line,
                $"{value.Key} does not open under label '{value.Label}' ({value.Scope.ToArgument()} scope, Secret {value.Namespace}/{value.SecretName}) " +
                $"with any key in {keys.Source}{Diagnose(value, keys, knownLabels)}. The controller will fail with \"no key could decrypt secret\"."));
        }
        return findings;

        void Add(SealedValue value, Finding finding)
        {
            if (!Suppressions.IsSuppressed(finding, value.Subjects)) findings.Add(finding);
        }
    }

    private static IEnumerable<SealingLabel> OtherScopes(SealedValue value) =>
        [SealingLabel.For(SealingScope.NamespaceWide, value.Namespace, null), SealingLabel.ClusterWide];

    // Which other label opens it, if any: the most useful hint there is (wrong env, wrong scope).
    private static string Diagnose(SealedValue value, KeyBackup keys, IReadOnlyList<SealingLabel> candidates)
    {
        foreach (var label in candidates.Where(l => l != value.Label))
        {
            var opened = BackupUnsealer.TryUnseal(keys, label, value.Ciphertext, out _);
            if (opened is null) continue;
            CryptographicOperations.ZeroMemory(opened.Plaintext);
            return $"; it was sealed for label '{label}' instead";
        }
        return "; no other label used in this repository opens it either (sealed with another key?)";
    }
}
