using GitOps.Build.Hosting;
using GitOps.Build.Reporting;
using GitOps.Build.Sealing;

namespace GitOps.Build.Tasks;

/// <summary>
/// What the sealing targets share: the certificate, key file and scope from the arguments. What is
/// sealed where is <see cref="SealingInventory"/>'s (<see cref="BuildContext.Sealing"/>).
/// </summary>
internal static class SealingSupport
{
    public const string RepositoryCertificate = "gitops/infrastructure/sealed-secrets/pub-cert.pem";

    /// <summary>--cert, or the repository's certificate.</summary>
    public static string CertificatePath(BuildContext context) =>
        context.Args.Reader.Path("cert", context.Args.WorkingDirectory) ?? Path.Combine(context.Args.RepositoryRoot, RepositoryCertificate);

    public static SealingCertificate LoadCertificate(BuildContext context)
    {
        var path = CertificatePath(context);
        var loaded = SealingCertificates.LoadFile(path);
        foreach (var warning in loaded.Warnings) context.Log.Warn(warning);
        var cert = loaded.Certificate;
        context.Log.Say($"certificate {Relative(context, path)}: RSA {cert.KeySizeBits}, SHA-256 {cert.Sha256Fingerprint}, expires {cert.NotAfter:yyyy-MM-dd}");
        return cert;
    }

    /// <summary>A certificate as the checks see it: null when missing, broken or expired, and SEALING-CERT findings.</summary>
    public sealed record CertificateForChecks(SealingCertificate? Certificate, IReadOnlyList<Checks.Finding> Findings);

    /// <summary>Loads the certificate once for a run's checks; its problems become SEALING-CERT findings, not exceptions.</summary>
    public static CertificateForChecks LoadForChecks(BuildContext context)
    {
        var path = CertificatePath(context);
        try
        {
            var loaded = SealingCertificates.LoadFile(path);
            return new CertificateForChecks(loaded.Certificate, loaded.Warnings.Select(w => new Checks.Finding("SEALING-CERT", Checks.Severity.Warning,
                "pub-cert.pem", Relative(context, path), 0, w, "Run FetchCert after the controller renews its key.")).ToList());
        }
        catch (SealingException e)
        {
            return new CertificateForChecks(null, [new Checks.Finding("SEALING-CERT", Checks.Severity.Error, "pub-cert.pem", Relative(context, path), 0, e.Message,
                "Run FetchCert to save the controller's current certificate.")]);
        }
    }

    public static KeyBackup LoadKeys(BuildContext context)
    {
        var path = context.Args.Reader.Path("key-file", context.Args.WorkingDirectory)
                   ?? throw new UsageException("--key-file is required: a key backup (BackupKey output, kubectl get secret -o yaml, or PEM).");
        var backup = KeyBackupReader.LoadFile(path).EnsureValid();
        context.Log.Say($"key file {Relative(context, path)}: {backup.Keys.Count} key(s): {string.Join(", ", backup.Keys.Select(k => k.Name))}");
        return backup;
    }

    public static SealingScope? Scope(BuildContext context)
    {
        var text = context.Args.Reader.Text("scope");
        if (text is null) return null;
        return SealingScopes.TryParse(text, out var scope)
            ? scope
            : throw new UsageException($"--scope={text} is not allowed; use one of: strict, namespace-wide, cluster-wide.");
    }

    /// <summary>
    /// Validate's sealing checks over what Template rendered in this run: every sealed value well-formed
    /// for the repository certificate and, with --key-file, opening under the label its Application implies.
    /// </summary>
    public static IReadOnlyList<Checks.Finding> CheckRendered(BuildContext context) => CheckRendered(context, LoadForChecks(context));

    public static IReadOnlyList<Checks.Finding> CheckRendered(BuildContext context, CertificateForChecks loaded)
    {
        if (loaded.Certificate is not { } certificate) return loaded.Findings;
        var findings = loaded.Findings.ToList();
        var keys = context.Args.Reader.Has("key-file") ? LoadKeys(context) : null;
        findings.AddRange(SealedValueChecks.Check(context.Sealing.ValuesOf(context.Rendered), certificate, keys));
        return findings;
    }

    /// <summary>A path inside the repository relative to its root; one outside it in full.</summary>
    public static string Relative(BuildContext context, string path) => IO.RepoPath.Relative(context.Args.RepositoryRoot, path);
}
