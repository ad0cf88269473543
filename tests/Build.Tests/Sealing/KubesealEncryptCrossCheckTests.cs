using System.Security.Cryptography.X509Certificates;
using System.Text;
using GitOps.Build.Sealing;

namespace GitOps.Build.Tests.Sealing;

/// <summary>
/// Cross-check against an implementation written by others: the npm package @linode/kubeseal-encrypt
/// (namespace-wide sealing with a public key; its API is encryptSecretItem(publicKeyPem, namespace, data)
/// and it has no decryption, so only its direction is checked here). The package wants an SPKI
/// "PUBLIC KEY" PEM, so the fixture certificate's key is exported as one.
/// </summary>
public class KubesealEncryptCrossCheckTests
{
    private const string Package = "@linode/kubeseal-encrypt";
    private const string Version = "1.0.1";

    [NodeFact]
    public void A_value_sealed_by_kubeseal_encrypt_opens_with_our_unsealer_under_the_namespace_label()
    {
        var module = EnsurePackageInstalled();
        using var temp = new TempFolder();
        using var rsa = SealingFixtures.Cert.Certificate.GetRSAPublicKey()!;
        var publicKeyPem = temp.Write("public-key.pem", rsa.ExportSubjectPublicKeyInfoPem());
        var script = temp.Write("seal.cjs", """
            const { encryptSecretItem } = require(process.env.KSE_MODULE);
            const fs = require('fs');
            const value = fs.readFileSync(0, 'utf8'); // the secret comes on stdin, never argv
            encryptSecretItem(fs.readFileSync(process.env.KSE_PUBLIC_KEY, 'utf8'), process.env.KSE_NAMESPACE, value)
              .then(sealed => process.stdout.write(sealed))
              .catch(e => { console.error(e.message); process.exit(2); });
            """);
        const string secret = "päss wörd: with spaces & symbols ✓";

        var result = ExternalTools.Run("node", [script], Encoding.UTF8.GetBytes(secret), new Dictionary<string, string>
        {
            ["KSE_MODULE"] = module,
            ["KSE_PUBLIC_KEY"] = publicKeyPem,
            ["KSE_NAMESPACE"] = "ontu-schedule-dev",
        });
        Assert.True(result.ExitCode == 0, "node failed: " + result.Stderr);
        var sealedValue = Encoding.ASCII.GetString(result.Stdout).Trim();

        Assert.Null(SealedValueShape.Check(sealedValue, SealingFixtures.Cert));
        var opened = BackupUnsealer.Unseal(SealingFixtures.Backup,
            SealingLabel.For(SealingScope.NamespaceWide, "ontu-schedule-dev", null), sealedValue, "kubeseal-encrypt output");
        Assert.Equal(secret, Encoding.UTF8.GetString(opened.Plaintext));
        Assert.Equal("sealed-secrets-key7xk2p", opened.OpenedBy.Name);

        // Bound to the namespace: the strict label of a Secret in it does not open the value.
        Assert.Null(BackupUnsealer.TryUnseal(SealingFixtures.Backup,
            SealingLabel.For(SealingScope.Strict, "ontu-schedule-dev", "any"), sealedValue, out _));
    }

    // npm install into a per-user cache, once; later runs reuse it.
    private static string EnsurePackageInstalled()
    {
        var home = Environment.GetEnvironmentVariable("HOME") ?? Path.GetTempPath();
        var prefix = Path.Combine(home, ".cache", "gitops-build-tests", $"kubeseal-encrypt-{Version}");
        var module = Path.Combine(prefix, "node_modules", "@linode", "kubeseal-encrypt");
        if (File.Exists(Path.Combine(module, "package.json"))) return module;

        Directory.CreateDirectory(prefix);
        var install = ExternalTools.Run("npm",
            ["install", "--prefix", prefix, "--no-audit", "--no-fund", "--no-save", $"{Package}@{Version}"]);
        Assert.True(install.ExitCode == 0, $"npm install {Package}@{Version} failed: {install.Stderr}");
        return module;
    }
}
