using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using k8s;

namespace GitOps.Build.Cluster.Api;

/// <summary>Why the API server's certificate was refused: the check that failed, what was found, and the fix.</summary>
public sealed record TlsRefusal(string Check, string Detail, string Fix);

/// <summary>
/// The TLS checks of one client's connections. KubernetesClient decides trust (the kubeconfig's
/// certificate-authority-data, else the system's roots); this wraps its decision to add the host name check
/// it skips when a CA is given (kubectl refuses a certificate issued for another name), and to remember why
/// a certificate was refused, so the failure is reported at once with its reason instead of retried.
/// </summary>
public sealed class ClusterTls
{
    private volatile TlsRefusal? _lastRefusal;

    private ClusterTls(bool skipsVerification) => SkipsVerification = skipsVerification;

    /// <summary>The kubeconfig's cluster sets insecure-skip-tls-verify: the server's certificate is not checked at all.</summary>
    public bool SkipsVerification { get; }

    /// <summary>The reason the latest refused certificate was refused (null: none was).</summary>
    public TlsRefusal? LastRefusal => _lastRefusal;

    /// <summary>For plain http:// servers and clients built without a handler: nothing to check or wrap.</summary>
    public static ClusterTls None { get; } = new(false);

    /// <summary>Wraps the validation KubernetesClient configured on <paramref name="handler"/> (call after constructing the client).</summary>
    public static ClusterTls Attach(SocketsHttpHandler? handler, KubernetesClientConfiguration config, Uri server)
    {
        if (server.Scheme != Uri.UriSchemeHttps) return None;
        if (config.SkipTlsVerify) return new ClusterTls(true);
        var tls = new ClusterTls(false);
        if (handler is null) return tls;
        var inner = handler.SslOptions.RemoteCertificateValidationCallback; // null: the system's default check
        var trusted = config.SslCaCerts;
        handler.SslOptions.RemoteCertificateValidationCallback = (sender, certificate, chain, errors) =>
        {
            var extra = chain?.ChainPolicy.ExtraStore.Cast<X509Certificate2>().ToList() ?? [];
            var accepted = inner is null ? errors == SslPolicyErrors.None : inner(sender, certificate, chain, errors);
            // With a kubeconfig CA, KubernetesClient accepts any name the CA signed; kubectl does not.
            if (accepted && (errors & SslPolicyErrors.RemoteCertificateNameMismatch) == 0)
            {
                tls._lastRefusal = null; // a later handshake failure must not be blamed on an old certificate
                return true;
            }
            var host = (sender as SslStream)?.TargetHostName is { Length: > 0 } h ? h : server.Host;
            tls._lastRefusal = Diagnose(certificate as X509Certificate2 ?? (certificate is null ? null : new X509Certificate2(certificate)), errors, trusted, extra, host);
            return false;
        };
        return tls;
    }

    /// <summary>True when an HTTP failure is a failed TLS handshake (certificate refused, or authentication refused): retrying cannot fix it.</summary>
    public static bool IsHandshakeFailure(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
            if (x is AuthenticationException) return true;
        return false;
    }

    /// <summary>Names the failed check: host name, validity period, or trust (issuer).</summary>
    public static TlsRefusal Diagnose(X509Certificate2? certificate, SslPolicyErrors errors, X509Certificate2Collection? trusted, IReadOnlyList<X509Certificate2> intermediates, string host)
    {
        const string contextFix = "or pick the --context of this cluster";
        if (certificate is null || (errors & SslPolicyErrors.RemoteCertificateNotAvailable) != 0)
            return new TlsRefusal("no certificate", "the server sent no certificate",
                $"check that the kubeconfig's server: is this cluster's API server, {contextFix}");
        var subject = Describe(certificate);

        if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
        {
            var names = NamesOf(certificate);
            return new TlsRefusal("name mismatch",
                $"the certificate ({subject}) is for {(names.Count == 0 ? "no host name" : string.Join(", ", names))}, not {host}",
                $"use a server: address the certificate was issued for, or set tls-server-name in the kubeconfig's cluster, {contextFix}");
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.DisableCertificateDownloads = true; // a diagnosis, on the handshake's thread: no network
        chain.ChainPolicy.ExtraStore.AddRange(intermediates.ToArray());
        if (trusted is { Count: > 0 })
        {
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.AddRange(trusted);
        }
        chain.Build(certificate);
        var flags = chain.ChainStatus.Aggregate(X509ChainStatusFlags.NoError, (all, s) => all | s.Status);
        var caSource = trusted is { Count: > 0 } ? "the kubeconfig's certificate-authority-data" : "the system's trusted roots (the kubeconfig has no certificate-authority-data)";

        if ((flags & X509ChainStatusFlags.NotTimeValid) != 0)
        {
            var now = DateTime.UtcNow;
            var stale = chain.ChainElements.Select(e => e.Certificate).FirstOrDefault(c => c.NotAfter.ToUniversalTime() < now || c.NotBefore.ToUniversalTime() > now) ?? certificate;
            var when = stale.NotAfter.ToUniversalTime() < now
                ? $"expired on {stale.NotAfter.ToUniversalTime():yyyy-MM-dd HH:mm} UTC"
                : $"is not valid before {stale.NotBefore.ToUniversalTime():yyyy-MM-dd HH:mm} UTC";
            var which = ReferenceEquals(stale, certificate) || stale.Thumbprint == certificate.Thumbprint ? $"the certificate ({subject})" : $"its issuer ({Describe(stale)})";
            return new TlsRefusal("expired", $"{which} {when}",
                $"renew the API server's certificate (or correct this machine's clock); if the cluster's CA was renewed, update certificate-authority-data in the kubeconfig, {contextFix}");
        }

        if ((flags & (X509ChainStatusFlags.UntrustedRoot | X509ChainStatusFlags.PartialChain)) != 0 || (errors & SslPolicyErrors.RemoteCertificateChainErrors) != 0)
        {
            var detail = flags == X509ChainStatusFlags.NoError
                ? $"the certificate ({subject}) is not issued by a certificate authority in {caSource}"
                : $"the certificate ({subject}) is not issued by a certificate authority in {caSource} ({string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation.Trim()).Where(s => s.Length > 0).Distinct())})";
            return new TlsRefusal("untrusted issuer", detail,
                $"put this cluster's CA certificate in certificate-authority-data of the kubeconfig's cluster (kubectl config set-cluster <cluster> --certificate-authority=ca.crt --embed-certs), {contextFix}");
        }

        return new TlsRefusal("certificate refused", $"the certificate ({subject}) was refused ({errors})",
            $"check certificate-authority-data and server: of the kubeconfig's cluster, {contextFix}");
    }

    private static string Describe(X509Certificate2 c) =>
        c.Subject == c.Issuer ? $"{c.Subject}, self-signed" : $"{c.Subject}, issued by {c.Issuer}";

    private static IReadOnlyList<string> NamesOf(X509Certificate2 c)
    {
        var names = new List<string>();
        foreach (var san in c.Extensions.OfType<X509SubjectAlternativeNameExtension>())
        {
            names.AddRange(san.EnumerateDnsNames());
            names.AddRange(san.EnumerateIPAddresses().Select(ip => ip.ToString()));
        }
        if (names.Count == 0 && c.GetNameInfo(X509NameType.DnsName, false) is { Length: > 0 } cn) names.Add(cn);
        return names;
    }
}
