using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using GitOps.Build.Findings;
using GitOps.Build.Sealing;
using GitOps.Build.Checks.Sealing;

namespace GitOps.Build.Tests.Sealing;

public class SealingCertificatesTests
{
    private static readonly DateTimeOffset Now = new(2027, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_fixture_certificate_loads_with_its_key_size_and_the_fingerprint_openssl_printed()
    {
        var loaded = SealingCertificates.LoadFile(SealingFixtures.CertPath, Now);

        Assert.Empty(loaded.Warnings);
        Assert.Equal(4096, loaded.Certificate.KeySizeBits);
        Assert.Equal(512, loaded.Certificate.ModulusBytes);
        // `openssl x509 -noout -fingerprint -sha256` when the fixture was generated:
        Assert.Equal("EB:AE:A6:32:3E:3D:D4:FE:5D:B6:3F:C0:EF:F8:A5:3B:F4:2E:86:1B:8A:54:78:09:B0:81:BA:5E:71:9C:89:C6",
            loaded.Certificate.Sha256Fingerprint);
        Assert.True(loaded.Certificate.Matches(SealingFixtures.Key.PrivateKey));
        Assert.False(loaded.Certificate.Matches(SealingFixtures.OtherKey.PrivateKey));
    }

    [Fact]
    public void The_repository_sealing_certificate_is_a_current_rsa_certificate()
    {
        // Today it is the TEST ONLY fixture certificate; FetchCert replaces it with a cluster's.
        var repoCert = Path.Combine(Support.TestTools.RepoRoot, "gitops", "infrastructure", "sealed-secrets", "pub-cert.pem");
        var loaded = SealingCertificates.LoadFile(repoCert);
        Assert.True(loaded.Certificate.KeySizeBits >= 2048);
    }

    [Fact]
    public void An_expired_certificate_is_refused_naming_the_file_and_the_date()
    {
        using var temp = new TempFolder();
        var path = temp.Write("old.pem", SealingFixtures.SelfSignedPem(Now.AddYears(-2), new DateTimeOffset(2027, 5, 31, 8, 30, 0, TimeSpan.Zero)));

        var error = Assert.Throws<SealingException>(() => SealingCertificates.LoadFile(path, Now));

        Assert.Contains(path, error.Message);
        Assert.Contains("expired on 2027-05-31 08:30:00 UTC", error.Message);
        Assert.Contains("FetchCert", error.Message);
    }

    [Fact]
    public void Load_gives_the_certificate_or_the_problem_that_targets_raise_and_validate_reports()
    {
        using var temp = new TempFolder();
        var expired = temp.Write("old.pem", SealingFixtures.SelfSignedPem(Now.AddYears(-2), Now.AddDays(-1)));
        var soon = temp.Write("soon.pem", SealingFixtures.SelfSignedPem(Now.AddYears(-1), Now.AddDays(5)));

        var good = SealingCertificates.Load(SealingFixtures.CertPath, Now);
        var old = SealingCertificates.Load(expired, Now);
        var missing = SealingCertificates.Load(Path.Combine(temp.Path, "none.pem"), Now);
        var warned = SealingCertificates.Load(soon, Now);

        Assert.Equal((4096, null), (good.Require().KeySizeBits, good.Problem));
        Assert.Null(old.Certificate);
        Assert.Contains("expired on", old.Problem);
        Assert.Equal(old.Problem, Assert.Throws<SealingException>(() => old.Require()).Message);
        Assert.Contains("certificate file not found", missing.Problem);

        var error = Assert.Single(SealedValueChecks.Certificate(old, "old.pem"));
        Assert.Equal(("SEALING-CERT", Severity.Error, "old.pem", old.Problem), (error.RuleId, error.Severity, error.File, error.Message));
        var warning = Assert.Single(SealedValueChecks.Certificate(warned, "soon.pem"));
        Assert.Equal(Severity.Warning, warning.Severity);
        Assert.Empty(SealedValueChecks.Certificate(good, "pub-cert.pem"));
    }

    [Fact]
    public void A_certificate_expiring_within_30_days_loads_with_a_warning()
    {
        var pem = SealingFixtures.SelfSignedPem(Now.AddYears(-1), Now.AddDays(29));
        var loaded = SealingCertificates.LoadPem(pem, "soon.pem", Now);
        Assert.Contains(loaded.Warnings, w => w.Contains("soon.pem") && w.Contains("within 30 days"));

        var later = SealingCertificates.LoadPem(SealingFixtures.SelfSignedPem(Now.AddYears(-1), Now.AddDays(31)), "later.pem", Now);
        Assert.Empty(later.Warnings);
    }

    [Fact]
    public void A_certificate_not_yet_valid_loads_with_a_warning()
    {
        var loaded = SealingCertificates.LoadPem(SealingFixtures.SelfSignedPem(Now.AddDays(2), Now.AddYears(1)), "future.pem", Now);
        Assert.Contains(loaded.Warnings, w => w.Contains("not valid until") && w.Contains("clock"));
    }

    [Fact]
    public void A_certificate_with_a_non_rsa_key_is_refused()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=ec", ec, HashAlgorithmName.SHA256);
        using var cert = request.CreateSelfSigned(Now.AddDays(-1), Now.AddYears(1));

        var error = Assert.Throws<SealingException>(() => SealingCertificates.LoadPem(cert.ExportCertificatePem(), "ec.pem", Now));

        Assert.Contains("ec.pem", error.Message);
        Assert.Contains("not RSA", error.Message);
    }

    [Fact]
    public void Text_that_is_not_a_certificate_is_refused_and_a_missing_file_names_the_fix()
    {
        var notPem = Assert.Throws<SealingException>(() => SealingCertificates.LoadPem(File.ReadAllText(SealingFixtures.OtherKeyPath), "key.pem", Now));
        Assert.Contains("BEGIN CERTIFICATE", notPem.Message);

        var missing = Assert.Throws<SealingException>(() => SealingCertificates.LoadFile("/nonexistent/pub-cert.pem", Now));
        Assert.Contains("--cert=", missing.Message);
    }
}
