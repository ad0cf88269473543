using System.Globalization;
using System.Text;
using YamlDotNet.RepresentationModel;

namespace GitOps.Build.Sealing;

/// <summary>
/// Reads a Sealed Secrets key backup in any of the forms operators keep: the v1 List that
/// <c>kubectl get secret -l sealedsecrets.bitnami.com/sealed-secrets-key -o yaml</c> prints, a single
/// key Secret (one or more YAML documents), or PEM (PKCS#1 "RSA PRIVATE KEY" or PKCS#8 "PRIVATE KEY",
/// optionally with the certificates). Each key is checked against its certificate (same modulus).
/// </summary>
public static class KeyBackupReader
{
    /// <summary>The annotation BackupKey records the key Secret's original creation time in (see <see cref="KeyBackupWriter"/>).</summary>
    public const string OriginalCreationAnnotation = "gitops.build/original-creation-timestamp";

    public static KeyBackup LoadFile(string path)
    {
        if (!File.Exists(path))
            throw new SealingException($"{path}: key backup file not found. Pass --key-file=<backup made by BackupKey or kubectl>.");
        return Parse(File.ReadAllText(path), path);
    }

    public static KeyBackup Parse(string text, string source) =>
        LooksLikePem(text) ? PemKeyBackup.Parse(text, source) : ParseYaml(text, source);

    private static bool LooksLikePem(string text) => text.TrimStart().StartsWith("-----BEGIN", StringComparison.Ordinal);

    private static KeyBackup ParseYaml(string text, string source)
    {
        var keys = new List<SealingKey>();
        var problems = new List<string>();
        foreach (var document in YamlNodes.LoadDocuments(text, source))
        {
            if (document.RootNode is not YamlMappingNode root) continue;
            switch (root.ChildText("kind"))
            {
                case "List":
                case "SecretList":
                    if (root.Child("items") is YamlSequenceNode items)
                        foreach (var item in items)
                            ReadSecret(item, source, keys, problems);
                    break;
                case "Secret":
                    ReadSecret(root, source, keys, problems);
                    break;
                default:
                    problems.Add($"{source}:{root.Line()}: expected kind List or Secret, found '{root.ChildText("kind") ?? "(none)"}'.");
                    break;
            }
        }
        return new KeyBackup(source, keys, problems);
    }

    private static void ReadSecret(YamlNode node, string source, List<SealingKey> keys, List<string> problems)
    {
        var metadata = node.ChildMap("metadata");
        var name = metadata.ChildText("name") ?? "(unnamed)";
        var ns = metadata.ChildText("namespace");
        var where = $"{source}:{node.Line()}: Secret {(ns is null ? name : ns + "/" + name)}";

        if (node.ChildText("kind") is { } kind && kind != "Secret")
        {
            problems.Add($"{where}: is a {kind}, not a Secret.");
            return;
        }
        if (node.ChildText("type") is { } type && type != "kubernetes.io/tls")
            problems.Add($"{where}: type is {type}; controller keys are kubernetes.io/tls Secrets.");

        var data = node.ChildMap("data");
        var keyPem = DecodeData(data, "tls.key", where, problems);
        var certPem = DecodeData(data, "tls.crt", where, problems);
        if (keyPem is null || certPem is null) return;

        ReadPrivateKey(keyPem, where, problems, out var privateKey);
        SealingCertificate? certificate = null;
        try
        {
            certificate = SealingCertificates.Parse(certPem, $"{where} tls.crt");
        }
        catch (SealingException e)
        {
            problems.Add(e.Message);
        }
        if (privateKey is null || certificate is null) return;

        if (!certificate.Matches(privateKey))
            problems.Add($"{where}: tls.key does not match tls.crt (different RSA modulus); the Secret was edited or assembled from two keys.");

        keys.Add(new SealingKey(name, ns, CreatedAt(metadata), privateKey, certificate, source, node.Line()));
    }

    private static string? DecodeData(YamlMappingNode? data, string key, string where, List<string> problems)
    {
        var encoded = data.ChildText(key);
        if (encoded is null)
        {
            problems.Add($"{where}: data.{key} is missing.");
            return null;
        }
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
        }
        catch (FormatException)
        {
            problems.Add($"{where}: data.{key} is not base64.");
            return null;
        }
    }

    private static void ReadPrivateKey(string pem, string where, List<string> problems,
        out Org.BouncyCastle.Crypto.Parameters.RsaPrivateCrtKeyParameters? key)
    {
        key = null;
        try
        {
            key = PrivateKeyPem.Read(pem);
        }
        catch (SealingException e)
        {
            problems.Add($"{where}: tls.key {e.Message}");
        }
    }

    // The server's creationTimestamp, or the original one BackupKey preserved as an annotation.
    private static DateTimeOffset? CreatedAt(YamlMappingNode? metadata) =>
        ParseTime(metadata.ChildMap("annotations").ChildText(OriginalCreationAnnotation) ?? metadata.ChildText("creationTimestamp"));

    internal static DateTimeOffset? ParseTime(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null;
}
