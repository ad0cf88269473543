using System.Security.Cryptography;
using System.Text.Json.Nodes;
using GitOps.Build.Manifests;
using GitOps.Build.Sealing;

namespace GitOps.Build.Checks.Consistency;

/// <summary>
/// With a controller key backup at hand, every rendered SealedSecret value must open with one of
/// its keys under the label its name, namespace and scope give, as the controller will open it.
/// Decrypted bytes are wiped at once and never leave this method.
/// </summary>
public static class SealedSecretDecryptCheck
{
    public static void Check(CheckedObject target, KeyBackup backup, FindingSink sink)
    {
        if (target.Group != "bitnami.com" || target.Kind != "SealedSecret") return;
        if (target.Manifest.At("/spec/encryptedData") is not JsonObject data) return;
        var scope = SealingScopes.FromAnnotations(target.Manifest.Annotations);
        var ns = target.Manifest.Namespace is { Length: > 0 } own ? own : target.DestinationNamespace;
        SealingLabel label;
        try
        {
            label = SealingLabel.For(scope, ns, target.Manifest.Name);
        }
        catch (SealingException e)
        {
            sink.Add(Rules.SealedDecrypt, target, "/metadata", $"SealedSecret {target.Manifest.Name}: {e.Message}");
            return;
        }
        foreach (var (key, node) in data)
        {
            var value = node?.ToString() ?? "";
            string? failure = "the key backup holds no keys";
            foreach (var sealingKey in backup.NewestFirst())
            {
                var attempt = SecretUnsealer.TryUnseal(sealingKey.PrivateKey, label, value);
                if (attempt.Plaintext is { } plain)
                {
                    CryptographicOperations.ZeroMemory(plain);
                    failure = null;
                    break;
                }
                failure = attempt.Failure;
            }
            if (failure != null)
            {
                sink.Add(Rules.SealedDecrypt, target, "/spec/encryptedData/" + JsonPointer.Escape(key),
                    $"SealedSecret {target.Manifest.Name} value {key} does not open with the backup's keys under label {label} ({scope.ToArgument()}): {failure}");
            }
        }
    }
}
