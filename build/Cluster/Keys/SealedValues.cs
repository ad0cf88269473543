using System.Text.Json.Nodes;
using GitOps.Build.Cluster.Apply;
using Org.BouncyCastle.Crypto.Parameters;

namespace GitOps.Build.Cluster.Keys;

/// <summary>One encrypted value of a repository SealedSecret, with the scope label it was sealed under.</summary>
public sealed record SealedValue(string Source, string Namespace, string Name, string Key, string Label, string Ciphertext)
{
    public override string ToString() => $"{Namespace}/{Name} key {Key} ({Source})";
}

/// <summary>
/// Opens (decrypts) a sealed value with a private key. Implemented by the Sealing library; kept as an
/// interface here so cluster code does not duplicate the format. Implementations must not keep or log
/// the plaintext: only whether it opened matters.
/// </summary>
public interface ISealedValueOpener
{
    bool Opens(SealedValue value, RsaPrivateCrtKeyParameters privateKey);
}

/// <summary>Reads the repository's SealedSecrets (a list of files) into objects and values.</summary>
public static class SealedValues
{
    public const string NamespaceWide = "sealedsecrets.bitnami.com/namespace-wide";
    public const string ClusterWide = "sealedsecrets.bitnami.com/cluster-wide";

    public static IReadOnlyList<ManifestDocument> ReadSealedSecrets(IEnumerable<string> files) =>
        files.SelectMany(ClusterManifests.ReadFile).Where(d => d.Kind == "SealedSecret").ToList();

    public static IEnumerable<SealedValue> ValuesOf(ManifestDocument sealedSecret)
    {
        var meta = sealedSecret.Body["metadata"] as JsonObject;
        var ns = sealedSecret.Namespace ?? "default";
        var annotations = meta?["annotations"] as JsonObject;
        bool Flag(string a) => annotations?[a]?.GetValue<string>() == "true";
        // The label binds the ciphertext to its scope (DESIGN.md: strict "ns/name", namespace-wide "ns", cluster-wide "").
        var label = Flag(ClusterWide) ? "" : Flag(NamespaceWide) ? ns : $"{ns}/{sealedSecret.Name}";
        foreach (var (key, value) in sealedSecret.Body["spec"]?["encryptedData"] as JsonObject ?? [])
            if (value?.GetValue<string>() is { } text)
                yield return new SealedValue(sealedSecret.Location, ns, sealedSecret.Name, key, label, text);
    }
}
