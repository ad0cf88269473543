using System.Text;
using GitOps.Build.Sealing;

namespace GitOps.Build.Tests.Sealing;

public class BackupUnsealerTests
{
    private static KeyBackup BothKeys() => KeyBackupReader.Parse(
        File.ReadAllText(SealingFixtures.OtherKeyPath) + File.ReadAllText(SealingFixtures.OtherCertPath)
        + SealingFixtures.Pkcs1KeyPem + File.ReadAllText(SealingFixtures.CertPath),
        "two-keys.pem").EnsureValid();

    [Fact]
    public void Reports_which_key_of_the_backup_opened_the_value()
    {
        var label = new SealingLabel("ontu-schedule-prod/ontu-schedule-bot-admin");
        var sealedValue = SecretSealer.Seal(SealingFixtures.Cert, label, Encoding.UTF8.GetBytes("prod-db-password"));

        var opened = BackupUnsealer.Unseal(BothKeys(), label, sealedValue, "values-prod.yaml:12");

        Assert.Equal("two-keys.pem key #2", opened.OpenedBy.Name);
        Assert.Equal("prod-db-password", Encoding.UTF8.GetString(opened.Plaintext));
    }

    [Fact]
    public void When_no_key_opens_the_value_each_key_is_listed_and_the_plaintext_is_nowhere()
    {
        const string plaintext = "never-in-a-message";
        var sealedValue = SecretSealer.Seal(SealingFixtures.Cert, new SealingLabel("dev/app"), Encoding.UTF8.GetBytes(plaintext));

        var error = Assert.Throws<SealingException>(() =>
            BackupUnsealer.Unseal(BothKeys(), new SealingLabel("staging/app"), sealedValue, "values-dev.yaml:7"));

        Assert.StartsWith("values-dev.yaml:7: no key in two-keys.pem opens this value under label staging/app", error.Message);
        Assert.Contains("key #1", error.Message);
        Assert.Contains("key #2", error.Message);
        Assert.Contains("name, namespace and scope", error.Message);
        Assert.DoesNotContain(plaintext, error.ToString());
        Assert.DoesNotContain(sealedValue, error.ToString());
    }

    [Fact]
    public void A_malformed_value_is_reported_once_not_per_key()
    {
        Assert.Null(BackupUnsealer.TryUnseal(BothKeys(), new SealingLabel("a/b"), "plain-text", out var failures));
        Assert.Equal("malformed: the value is not base64 (a sealed value is the base64 text kubeseal prints)", Assert.Single(failures));
    }
}
