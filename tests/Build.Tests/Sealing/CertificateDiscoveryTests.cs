using GitOps.Build.Sealing;
using GitOps.Build.Tests.GitOps;

namespace GitOps.Build.Tests.Sealing;

/// <summary>The sealing certificate a repository keeps somewhere of its own: the one PEM certificate whose path says sealing.</summary>
public sealed class CertificateDiscoveryTests
{
    private static readonly string Certificate = File.ReadAllText(Path.Combine(Support.TestTools.RepoRoot, "tests/Build.Tests/Fixtures/sealing/test-cert.pem"));

    [Fact]
    public void The_one_certificate_under_a_sealing_folder_is_found()
    {
        using var repo = new RepoBuilder()
            .File("clusters/prod/sealed-secrets/cert.pem", Certificate)
            .File("ingress/tls/ca.crt", Certificate); // a TLS certificate: not for sealing
        Assert.Equal(repo.Path("clusters/prod/sealed-secrets/cert.pem"), CertificateDiscovery.Find(repo.Root));
    }

    [Fact]
    public void Two_sealing_certificates_are_not_guessed_between()
    {
        using var repo = new RepoBuilder()
            .File("clusters/prod/kubeseal.pem", Certificate)
            .File("clusters/staging/kubeseal.pem", Certificate);
        Assert.Null(CertificateDiscovery.Find(repo.Root));
    }

    [Fact]
    public void A_key_or_a_file_that_is_not_a_certificate_is_not_one()
    {
        using var repo = new RepoBuilder()
            .File("sealed-secrets/backup.pem", "-----BEGIN PRIVATE KEY-----\nMII=\n-----END PRIVATE KEY-----\n" + Certificate)
            .File("sealed-secrets/notes.pem", "not a certificate");
        Assert.Null(CertificateDiscovery.Find(repo.Root));
    }
}
