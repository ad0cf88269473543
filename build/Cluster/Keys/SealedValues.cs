using GitOps.Build.Cluster.Apply;
using GitOps.Build.Manifests;
using GitOps.Build.Sealing;
using Org.BouncyCastle.Crypto.Parameters;

namespace GitOps.Build.Cluster.Keys;

/// <summary>
/// Opens (decrypts) a sealed value with a private key. Implemented by the Sealing library; kept as an
/// interface here so cluster code does not duplicate the format. Implementations must not keep or log
/// the plaintext: only whether it opened matters.
/// </summary>
public interface ISealedValueOpener
{
    bool Opens(SealedValue value, RsaPrivateCrtKeyParameters privateKey);
}

/// <summary>The repository's SealedSecrets read from files (the tests' and a real cluster's fixtures), and their values as the controller sees them.</summary>
public static class SealedValues
{
    public static IReadOnlyList<ManifestObject> ReadSealedSecrets(IEnumerable<string> files) =>
        files.SelectMany(ClusterManifests.ReadFile).Select(d => d.Manifest).Where(d => d.Kind == "SealedSecret").ToList();

    /// <summary>A SealedSecret's values; one that names no namespace is applied to "default".</summary>
    public static IEnumerable<SealedValue> ValuesOf(ManifestObject sealedSecret) => SealedValue.AllIn(sealedSecret, "default");
}
