using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using GitOps.Build.Cluster.Apply;
using GitOps.Build.Cluster.Keys;
using GitOps.Build.Sealing;

namespace GitOps.Build.Tests.Emulator;

/// <summary>
/// The Sealed Secrets controller's behaviour that recovery depends on: it reads its key Secrets only when
/// its pod starts; with none, it generates one (labelled active); it serves the newest key's certificate at
/// /v1/cert.pem and answers /v1/verify with 200 when it can open a SealedSecret with its loaded keys, else 409.
/// Keys are RSA-2048 here (the real controller uses 4096) to keep tests fast.
/// </summary>
public sealed class SimulatedSealedSecretsController(KubeApiEmulator emulator)
{
    private readonly object _lock = new();
    private List<LoadedKey>? _loaded;

    public string Namespace { get; set; } = "sealed-secrets";
    public string Name { get; set; } = "sealed-secrets-controller";

    /// <summary>The clock used for new keys' certificates (tests move it to make a key "newer").</summary>
    public Func<DateTimeOffset> Clock { get; set; } = () => DateTimeOffset.UtcNow;

    /// <summary>Decides whether the loaded keys open a SealedSecret; defaults to the Sealing library's unsealer.</summary>
    public Func<JsonObject, IReadOnlyList<RSA>, bool> CanOpen { get; set; } = DefaultCanOpen;

    /// <summary>How many times the controller (re)started and loaded its keys.</summary>
    public int Starts { get; private set; }

    public bool Running { get { lock (_lock) return _loaded is not null; } }

    /// <summary>Fingerprints of the keys loaded at the last start (plus renewals since).</summary>
    public IReadOnlyList<string> LoadedFingerprints { get { lock (_lock) return _loaded?.Select(k => k.Fingerprint).ToList() ?? []; } }

    /// <summary>The certificate served now: the newest loaded key's.</summary>
    public string? ServedCertificatePem { get { lock (_lock) return Newest()?.CertPem; } }

    /// <summary>Installs the controller's Namespace, Deployment and Service (what its Argo CD app would deploy).</summary>
    public void Install()
    {
        var labels = new JsonObject { ["app.kubernetes.io/name"] = "sealed-secrets" };
        emulator.Store.Upsert(ResourceCatalog.Namespaces, null, Namespace, o => o ?? new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace" });
        emulator.Store.Upsert(ResourceCatalog.Services, Namespace, Name, _ => new JsonObject
        {
            ["apiVersion"] = "v1", ["kind"] = "Service",
            ["spec"] = new JsonObject
            {
                ["selector"] = labels.DeepClone(),
                ["ports"] = new JsonArray(new JsonObject { ["name"] = "http", ["port"] = 8080 }),
            },
        });
        emulator.Store.Upsert(ResourceCatalog.Deployments, Namespace, Name, _ => new JsonObject
        {
            ["apiVersion"] = "apps/v1", ["kind"] = "Deployment",
            ["spec"] = new JsonObject
            {
                ["replicas"] = 1,
                ["selector"] = new JsonObject { ["matchLabels"] = labels.DeepClone() },
                ["template"] = new JsonObject { ["metadata"] = new JsonObject { ["labels"] = labels.DeepClone() } },
            },
        });
    }

    /// <summary>The 30-day renewal: a new active key, used at once for new seals (old keys stay).</summary>
    public string RenewKey()
    {
        var key = CreateKeySecret();
        lock (_lock) _loaded?.Add(key);
        return key.Fingerprint;
    }

    internal void OnPodStarting(JsonObject pod)
    {
        if (pod["metadata"]?["namespace"]?.GetValue<string>() != Namespace) return;
        var owner = pod["metadata"]?["ownerReferences"]?.AsArray().FirstOrDefault()?["name"]?.GetValue<string>();
        if (owner != Name) return;
        // Process start: read the key Secrets now, and only now.
        var secrets = emulator.Store.List(ResourceCatalog.Secrets, Namespace, LabelSelector.Parse(ControllerLocation.KeyLabel));
        var keys = secrets.Select(Load).ToList();
        if (keys.Count == 0) keys.Add(CreateKeySecret());
        lock (_lock)
        {
            _loaded = keys;
            Starts++;
        }
    }

    internal bool Verify(JsonObject sealedSecret)
    {
        List<RSA> keys;
        lock (_lock) keys = _loaded?.Select(k => k.Key).ToList() ?? [];
        return CanOpen(sealedSecret, keys);
    }

    private LoadedKey? Newest() => _loaded?.OrderByDescending(k => k.NotBefore).ThenByDescending(k => k.Sequence).FirstOrDefault();

    private int _sequence;

    private LoadedKey CreateKeySecret()
    {
        var rsa = RSA.Create(2048);
        var now = Clock();
        var request = new CertificateRequest("CN=sealed-secret, O=sealed-secret", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var cert = request.CreateSelfSigned(now.AddMinutes(-1), now.AddYears(10));
        var certPem = cert.ExportCertificatePem();
        var keyPem = rsa.ExportRSAPrivateKeyPem();
        var name = "sealed-secrets-key" + Guid.NewGuid().ToString("N")[..5];
        emulator.Store.Upsert(ResourceCatalog.Secrets, Namespace, name, _ => new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Secret",
            ["type"] = "kubernetes.io/tls",
            ["metadata"] = new JsonObject { ["labels"] = new JsonObject { [ControllerLocation.KeyLabel] = "active" } },
            ["data"] = new JsonObject
            {
                ["tls.crt"] = Convert.ToBase64String(Encoding.ASCII.GetBytes(certPem)),
                ["tls.key"] = Convert.ToBase64String(Encoding.ASCII.GetBytes(keyPem)),
            },
        });
        return new LoadedKey(rsa, certPem, now.AddMinutes(-1), Fingerprint(certPem), Interlocked.Increment(ref _sequence));
    }

    private LoadedKey Load(JsonObject secret)
    {
        var certPem = Encoding.ASCII.GetString(Convert.FromBase64String(secret["data"]!["tls.crt"]!.GetValue<string>()));
        var keyPem = Encoding.ASCII.GetString(Convert.FromBase64String(secret["data"]!["tls.key"]!.GetValue<string>()));
        var rsa = RSA.Create();
        rsa.ImportFromPem(keyPem);
        using var cert = X509Certificate2.CreateFromPem(certPem);
        return new LoadedKey(rsa, certPem, cert.NotBefore.ToUniversalTime(), SealingCertificate.FingerprintOf(cert), Interlocked.Increment(ref _sequence));
    }

    private static string Fingerprint(string certPem)
    {
        using var cert = X509Certificate2.CreateFromPem(certPem);
        return SealingCertificate.FingerprintOf(cert);
    }

    private static bool DefaultCanOpen(JsonObject sealedSecret, IReadOnlyList<RSA> keys)
    {
        var doc = global::GitOps.Build.Manifests.ManifestObject.FromJson(sealedSecret, "verify request", 1);
        var values = SealedValues.ValuesOf(doc).ToList();
        var opener = new SealingValueOpener();
        return values.Count > 0 && values.All(v => keys.Any(k => opener.Opens(v, (Org.BouncyCastle.Crypto.Parameters.RsaPrivateCrtKeyParameters)Org.BouncyCastle.Security.DotNetUtilities.GetRsaKeyPair(k).Private)));
    }

    private sealed record LoadedKey(RSA Key, string CertPem, DateTimeOffset NotBefore, string Fingerprint, int Sequence);
}
