using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using GitOps.Build.Cluster.Api;
using GitOps.Build.Cluster.Keys;
using GitOps.Build.Cluster.Operations;
using GitOps.Build.Tests.Emulator;

namespace GitOps.Build.Tests.Cluster;

/// <summary>
/// The emulator served over HTTPS with certificates made here: a refused certificate fails at once with the
/// check that failed (one connection, no retry), a trusted one works, and insecure-skip-tls-verify warns once.
/// </summary>
public sealed class TlsTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "cluster-tls-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task A_certificate_from_an_issuer_the_system_does_not_trust_fails_at_once_naming_the_check_and_the_fix()
    {
        using var served = Certificate();

        var e = await RefusedAsync(served, trusted: null);

        Assert.Equal("untrusted issuer", e.Refusal?.Check);
        Assert.Contains("untrusted issuer", e.Message);
        Assert.Contains("the kubeconfig has no certificate-authority-data", e.Message);
    }

    [Fact]
    public async Task A_certificate_the_kubeconfig_CA_did_not_issue_fails_at_once_as_untrusted()
    {
        using var served = Certificate();
        using var otherCa = Certificate(cn: "CN=another-cluster-ca");

        var e = await RefusedAsync(served, trusted: otherCa);

        Assert.Equal("untrusted issuer", e.Refusal?.Check);
        Assert.Contains("not issued by a certificate authority in the kubeconfig's certificate-authority-data", e.Message);
    }

    [Fact]
    public async Task A_trusted_certificate_for_another_name_fails_at_once_as_a_name_mismatch()
    {
        using var served = Certificate(dns: "api.other-cluster.example", ip: false);

        var e = await RefusedAsync(served, trusted: served);

        Assert.Equal("name mismatch", e.Refusal?.Check);
        Assert.Contains("is for api.other-cluster.example, not 127.0.0.1", e.Message);
        Assert.Contains("tls-server-name", e.Message);
    }

    [Fact]
    public async Task An_expired_certificate_fails_at_once_saying_when_it_expired()
    {
        var expired = DateTimeOffset.UtcNow.AddDays(-1);
        using var served = Certificate(notBefore: expired.AddDays(-30), notAfter: expired);

        var e = await RefusedAsync(served, trusted: served);

        Assert.Equal("expired", e.Refusal?.Check);
        Assert.Contains($"expired on {expired.UtcDateTime:yyyy-MM-dd}", e.Message);
        Assert.Contains("renew the API server's certificate", e.Message);
    }

    [Fact]
    public async Task A_certificate_the_kubeconfig_trusts_works_and_gives_no_warning()
    {
        using var served = Certificate();
        await using var emulator = await ControllerOverHttpsAsync(served);
        using var client = ClusterConnectionFactory.Create(Options(Kubeconfig(emulator.Url, trusted: served)));
        var log = new RecordingLog();

        await new FetchCertOperation(client, new ControllerLocation(), log).RunAsync(Path.Combine(_dir, "cert.pem"));

        Assert.StartsWith("https://127.0.0.1:", emulator.Url);
        Assert.True(File.Exists(Path.Combine(_dir, "cert.pem")));
        Assert.DoesNotContain(log.Lines, l => l.StartsWith("warning:"));
        Assert.Null(client.InsecureTlsWarning);
    }

    [Fact]
    public async Task A_kubeconfig_that_skips_verification_works_with_exactly_one_warning_saying_how_to_fix_it()
    {
        using var served = Certificate(); // trusted by nobody: only skipping verification lets this through
        await using var emulator = await ControllerOverHttpsAsync(served);
        using var client = ClusterConnectionFactory.Create(Options(Kubeconfig(emulator.Url, insecure: true)));
        var log = new RecordingLog();

        await new FetchCertOperation(client, new ControllerLocation(), log).RunAsync(Path.Combine(_dir, "cert.pem"));

        var warning = Assert.Single(log.Lines, l => l.StartsWith("warning:"));
        Assert.Contains($"certificate at {emulator.Url} is not verified", warning);
        Assert.Contains("context 'tls'", warning);
        Assert.Contains("insecure-skip-tls-verify: true", warning);
        Assert.Contains("Fix: remove insecure-skip-tls-verify", warning);
        Assert.Contains("certificate-authority-data", warning);
    }

    [Fact]
    public async Task The_retry_pipeline_gives_up_on_a_refused_handshake_at_once_but_rides_out_dropped_connections()
    {
        var pipeline = RetryPipeline.Create(Options("unused"));
        var refused = 0;
        var dropped = 0;

        await Assert.ThrowsAsync<HttpRequestException>(() => pipeline.ExecuteAsync<int>(_ =>
        {
            refused++;
            throw new HttpRequestException("The SSL connection could not be established", new System.Security.Authentication.AuthenticationException("certificate rejected"));
        }).AsTask());
        var answer = await pipeline.ExecuteAsync(_ => ++dropped < 3 ? throw new HttpRequestException("connection reset", new IOException("reset")) : ValueTask.FromResult(dropped));

        Assert.Equal(1, refused);
        Assert.Equal(3, answer);
    }

    /// <summary>Runs BackupKey (nothing else needed: it fails connecting) and proves the refusal came from the first and only attempt.</summary>
    private async Task<ClusterTlsException> RefusedAsync(X509Certificate2 served, X509Certificate2? trusted)
    {
        await using var emulator = await KubeApiEmulator.StartAsync(certificate: served);
        using var client = ClusterConnectionFactory.Create(Options(Kubeconfig(emulator.Url, trusted)));
        var log = new RecordingLog();
        var output = Path.Combine(_dir, "backup.yaml");

        var e = await Assert.ThrowsAsync<ClusterTlsException>(() => new BackupKeyOperation(client, new ControllerLocation(), log).RunAsync(output, []));

        Assert.Equal(1, emulator.Connections); // one attempt: the handshake was not retried
        Assert.Empty(emulator.RequestLog);     // and no request got through
        Assert.Equal(0, client.RetryCount);
        Assert.DoesNotContain("retry", log.Text);
        Assert.False(File.Exists(output));
        Assert.Contains($"TLS certificate check failed ({e.Refusal!.Check}) for the API server at {emulator.Url} (context 'tls')", e.Message);
        Assert.Contains("Not retried", e.Message);
        Assert.Contains("Fix:", e.Message);
        Assert.Contains("--context", e.Message);
        return e;
    }

    private static async Task<KubeApiEmulator> ControllerOverHttpsAsync(X509Certificate2 served)
    {
        var emulator = await KubeApiEmulator.StartAsync(certificate: served);
        emulator.SealedSecrets.Install();
        await ClusterTestBed.Eventually(() => emulator.SealedSecrets.Running, "controller started");
        return emulator;
    }

    /// <summary>
    /// Generous timeout and fast retries: were the refusal retried, the run would end in a ClusterTimeoutException
    /// (and more than one connection), so these tests fail on the outcome, never on how long it took.
    /// </summary>
    private static ClusterOptions Options(string kubeconfig) => new()
    {
        KubeconfigPath = kubeconfig,
        Timeout = TimeSpan.FromSeconds(60),
        RetryDelay = TimeSpan.FromMilliseconds(5),
        MaxRetryDelay = TimeSpan.FromMilliseconds(100),
    };

    private string Kubeconfig(string server, X509Certificate2? trusted = null, bool insecure = false)
    {
        Directory.CreateDirectory(_dir);
        var lines = new List<string>
        {
            "apiVersion: v1",
            "kind: Config",
            "clusters:",
            "- name: tls-cluster",
            "  cluster:",
            $"    server: {server}",
        };
        if (trusted is not null)
            lines.Add($"    certificate-authority-data: {Convert.ToBase64String(Encoding.ASCII.GetBytes(trusted.ExportCertificatePem()))}");
        if (insecure) lines.Add("    insecure-skip-tls-verify: true");
        lines.AddRange([
            "users:",
            "- name: tls-user",
            "  user:",
            "    token: emulator-token",
            "contexts:",
            "- name: tls",
            "  context:",
            "    cluster: tls-cluster",
            "    user: tls-user",
            "current-context: tls",
        ]);
        var path = Path.Combine(_dir, "kubeconfig.yaml");
        File.WriteAllText(path, string.Join("\n", lines) + "\n");
        return path;
    }

    /// <summary>A self-signed server certificate (its own CA when a kubeconfig trusts it), for 127.0.0.1 unless told otherwise.</summary>
    private static X509Certificate2 Certificate(string? dns = null, bool ip = true, DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null, string cn = "CN=emulator-apiserver")
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(cn, key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        if (ip) names.AddIpAddress(IPAddress.Loopback);
        if (dns is not null) names.AddDnsName(dns);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false)); // serverAuth
        using var cert = request.CreateSelfSigned(notBefore ?? DateTimeOffset.UtcNow.AddDays(-1), notAfter ?? DateTimeOffset.UtcNow.AddDays(30));
        // Through PKCS#12 so the key is one Kestrel can use on every platform.
        return X509CertificateLoader.LoadPkcs12(cert.Export(X509ContentType.Pfx), null);
    }
}
