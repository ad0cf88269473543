using System.Text;
using GitOps.Build.Sealing;

namespace GitOps.Build.Tests.Sealing;

public class ResealerTests
{
    [Fact]
    public void A_value_is_resealed_for_the_new_certificate_under_the_same_label()
    {
        var label = SealingLabel.For(SealingScope.NamespaceWide, "ontu-schedule-staging", null);
        var oldValue = SecretSealer.Seal(SealingFixtures.Cert, label, Encoding.UTF8.GetBytes("rotate-me"));
        var newCert = SealingCertificates.LoadFile(SealingFixtures.OtherCertPath).Certificate;

        var resealed = Resealer.Reseal(oldValue, label, SealingFixtures.Backup, newCert, "values-staging.yaml:9");

        Assert.Equal("sealed-secrets-key7xk2p", resealed.OpenedBy.Name);
        Assert.NotEqual(oldValue, resealed.Ciphertext);
        Assert.False(SecretUnsealer.TryUnseal(SealingFixtures.Key.PrivateKey, label, resealed.Ciphertext).Succeeded);
        var opened = SecretUnsealer.TryUnseal(SealingFixtures.OtherKey.PrivateKey, label, resealed.Ciphertext);
        Assert.Equal("rotate-me", Encoding.UTF8.GetString(opened.Plaintext!));
        Assert.False(SecretUnsealer.TryUnseal(SealingFixtures.OtherKey.PrivateKey, new SealingLabel("ontu-schedule-prod"), resealed.Ciphertext).Succeeded);
    }

    [Fact]
    public void A_value_the_old_keys_cannot_open_is_not_resealed()
    {
        var value = SecretSealer.Seal(SealingFixtures.Cert, new SealingLabel("a"), Encoding.UTF8.GetBytes("x"));
        Assert.Throws<SealingException>(() => Resealer.Reseal(value, new SealingLabel("a"), SealingFixtures.OtherBackup, SealingFixtures.Cert, "f:1"));
    }
}
