using System.Security.Cryptography.X509Certificates;
using GitOps.Build.Cluster.Api;
using GitOps.Build.Cluster.Keys;
using GitOps.Build.IO;
using GitOps.Build.Sealing;

namespace GitOps.Build.Cluster.Operations;

/// <summary>FetchCert: the controller's current certificate (its newest key) through the service proxy, written atomically.</summary>
public sealed class FetchCertOperation(ClusterClient client, ControllerLocation location, IClusterLog log)
{
    public async Task<string> RunAsync(string output, CancellationToken cancel = default)
    {
        using var run = new ClusterRun(client, log, cancel);
        await run.ConnectAsync();
        var pem = await run.StepAsync($"fetching the certificate from {location.Namespace}/{location.Service}",
            new SealedSecretsController(client, location).FetchCertificatePemAsync);
        using var cert = X509Certificate2.CreateFromPem(pem);
        if (cert.NotAfter.ToUniversalTime() < DateTime.UtcNow)
            throw new ClusterException($"The controller serves an expired certificate (expired {cert.NotAfter:yyyy-MM-dd}). Fix: let the controller renew its key (restart it), then fetch again. Nothing was written.");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
        AtomicFile.WriteAllText(output, pem);
        var fingerprint = SealingCertificate.FingerprintOf(cert);
        log.Information($"Wrote the controller's certificate to {output} (SHA-256 {fingerprint}, expires {cert.NotAfter.ToUniversalTime():yyyy-MM-dd}).");
        return fingerprint;
    }
}
