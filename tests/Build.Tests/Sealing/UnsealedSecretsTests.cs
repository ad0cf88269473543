using System.Text;
using GitOps.Build.Sealing;

namespace GitOps.Build.Tests.Sealing;

public class UnsealedSecretsTests
{
    [Fact]
    public void Opened_values_become_a_secret_manifest_that_SealFile_seals_back_to_the_same_values()
    {
        var values = new Dictionary<string, byte[]>
        {
            ["PASSWORD"] = Encoding.UTF8.GetBytes("true"),
            ["MULTILINE"] = Encoding.UTF8.GetBytes("line one\nline: two\n"),
            ["BINARY"] = [0xff, 0x00, 0x10],
        };
        var yaml = UnsealedSecrets.ToSecretYaml([new UnsealedSecret("bot", "dev", values, ["values-dev.yaml"])]);

        Assert.StartsWith("# from values-dev.yaml\napiVersion: v1\nkind: Secret\n", yaml);
        var resealed = SecretManifestSealer.Seal(yaml, "recovered.yaml", SealingFixtures.Cert);
        foreach (var location in SealedValueLocator.Find(resealed, "resealed.yaml").Values)
        {
            var opened = SecretUnsealer.TryUnseal(SealingFixtures.Key.PrivateKey, new SealingLabel("dev/bot"), location.Ciphertext);
            Assert.Equal(values[location.Key], opened.Plaintext);
        }
        Assert.Equal(3, SealedValueLocator.Find(resealed, "resealed.yaml").Values.Count);
    }
}
