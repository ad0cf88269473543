using GitOps.Build.Arguments;
using GitOps.Build.Arguments.Settings;
using GitOps.Build.GitOps;
using GitOps.Build.Hosting;
using GitOps.Build.Pipeline;
using GitOps.Build.Reporting;
using GitOps.Build.Sealing;

namespace GitOps.Build.Tasks;

/// <summary>
/// What the sealing targets share: the certificate and key file from the arguments, and the sealed
/// values of Applications as their charts render them (the Secret name and namespace come from the
/// rendered SealedSecret, never from a second hand-kept list).
/// </summary>
internal static class SealingSupport
{
    public const string RepositoryCertificate = "gitops/infrastructure/sealed-secrets/pub-cert.pem";

    /// <summary>--cert, or the repository's certificate.</summary>
    public static string CertificatePath(BuildContext context) =>
        context.Settings<CertificateSettings>().Cert ?? Path.Combine(context.Root, RepositoryCertificate);

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

    /// <summary>Renders the local-chart units (in a scratch folder) and returns their sealed values.</summary>
    public static IReadOnlyList<SealedValueInRepo> RenderedValues(BuildContext context, IEnumerable<RenderUnit> units)
    {
        var values = new List<SealedValueInRepo>();
        foreach (var unit in units.Where(u => u.IsLocal))
        {
            var rendered = Render(context, unit);
            values.AddRange(RenderedSealedValues.Collect(unit.Name, unit.Namespace, rendered.Objects,
                unit.ValueFiles.Where(v => v.Exists).Select(v => v.Path!).ToList(), context.Model.Relative));
        }
        return values;
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
        var keys = context.Settings<ValidateSettings>().KeyFile is { } keyFile ? LoadKeys(context, keyFile) : null;
        var values = new List<SealedValueInRepo>();
        foreach (var rendered in context.Rendered)
        {
            var unit = context.Model.Units.FirstOrDefault(u => u.Name == rendered.Unit);
            if (unit is null) continue;
            values.AddRange(RenderedSealedValues.Collect(unit.Name, unit.Namespace, rendered.Objects,
                unit.ValueFiles.Where(v => v.Exists).Select(v => v.Path!).ToList(), context.Model.Relative));
        }
        findings.AddRange(SealedValueChecks.Check(values, certificate, keys));
        return findings;
    }

    /// <summary>helm template of one unit, as Argo CD would run it; a failure stops the target with helm's findings.</summary>
    public static RenderedUnit Render(BuildContext context, RenderUnit unit)
    {
        var folder = Path.Combine(context.Scratch, "sealing-" + Guid.NewGuid().ToString("N"));
        try
        {
            Directory.CreateDirectory(folder);
            var stage = new TemplateStage(context.Helm, context.HelmPath, context.Charts, context.Scratch, folder, 1);
            var (outcome, rendered) = stage.Render(context.Model, unit);
            return rendered ?? throw new InvalidOperationException(
                $"helm template of {unit.Name} failed: " + string.Join("; ", outcome.Findings.Select(f => $"{f.Location}: {f.Message}")));
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>A path inside the repository relative to its root; one outside it in full.</summary>
    public static string Relative(BuildContext context, string path) => IO.RepoPath.Relative(context.Root, path);
}
