using System.Buffers.Binary;
using GitOps.Build.Sealing;

namespace GitOps.Build.Tests.Sealing;

public class SealRoundTripTests
{
    [Theory]
    [InlineData(SealingScope.Strict, "ontu-schedule-dev/ontu-schedule-bot-admin")]
    [InlineData(SealingScope.NamespaceWide, "ontu-schedule-dev")]
    [InlineData(SealingScope.ClusterWide, "")]
    public void A_value_sealed_under_each_scope_opens_with_the_same_label(SealingScope scope, string expectedLabel)
    {
        var label = SealingLabel.For(scope, "ontu-schedule-dev", "ontu-schedule-bot-admin");
        Assert.Equal(expectedLabel, label.Text);

        var sealedValue = SecretSealer.Seal(SealingFixtures.Cert, label, SealingFixtures.Utf8("s3cr3t-päss"));
        var opened = SecretUnsealer.TryUnseal(SealingFixtures.Key.PrivateKey, label, sealedValue);

        Assert.True(opened.Succeeded, opened.Failure);
        Assert.Equal("s3cr3t-päss", System.Text.Encoding.UTF8.GetString(opened.Plaintext!));
    }

    [Fact]
    public void Binary_and_empty_values_round_trip()
    {
        var label = new SealingLabel("ns/name");
        var binary = Enumerable.Range(0, 1000).Select(i => (byte)(i * 7)).ToArray();
        foreach (var plaintext in new[] { binary, Array.Empty<byte>() })
        {
            var opened = SecretUnsealer.TryUnseal(SealingFixtures.Key.PrivateKey, label, SecretSealer.Seal(SealingFixtures.Cert, label, plaintext));
            Assert.Equal(plaintext, opened.Plaintext);
        }
    }

    [Fact]
    public void The_layout_is_length_prefix_rsa_block_ciphertext_and_tag()
    {
        var plaintext = SealingFixtures.Utf8("twelve bytes");
        var bytes = Convert.FromBase64String(SecretSealer.Seal(SealingFixtures.Cert, new SealingLabel("a/b"), plaintext));

        Assert.Equal(512, BinaryPrimitives.ReadUInt16BigEndian(bytes));
        Assert.Equal(2 + 512 + plaintext.Length + 16, bytes.Length);
    }

    [Fact]
    public void Sealing_twice_gives_different_values_because_each_uses_a_fresh_session_key()
    {
        var label = new SealingLabel("a/b");
        var first = SecretSealer.Seal(SealingFixtures.Cert, label, SealingFixtures.Utf8("same"));
        var second = SecretSealer.Seal(SealingFixtures.Cert, label, SealingFixtures.Utf8("same"));
        Assert.NotEqual(first, second);
    }

    [Theory]
    [InlineData(SealingScope.Strict, SealingScope.Strict, "other-name")]
    [InlineData(SealingScope.Strict, SealingScope.NamespaceWide, null)]
    [InlineData(SealingScope.NamespaceWide, SealingScope.ClusterWide, null)]
    [InlineData(SealingScope.ClusterWide, SealingScope.Strict, null)]
    public void A_wrong_label_does_not_open_the_value(SealingScope sealedAs, SealingScope openedAs, string? otherName)
    {
        var sealedValue = SecretSealer.Seal(SealingFixtures.Cert, SealingLabel.For(sealedAs, "ns", "app"), SealingFixtures.Utf8("x"));
        var wrong = SealingLabel.For(openedAs, "ns", otherName ?? "app");

        var opened = SecretUnsealer.TryUnseal(SealingFixtures.Key.PrivateKey, wrong, sealedValue);

        Assert.False(opened.Succeeded);
        Assert.Contains("does not decrypt with this key under label", opened.Failure);
    }

    [Fact]
    public void A_wrong_key_of_the_same_size_does_not_open_the_value()
    {
        var label = new SealingLabel("ns/app");
        var sealedValue = SecretSealer.Seal(SealingFixtures.Cert, label, SealingFixtures.Utf8("x"));

        var opened = SecretUnsealer.TryUnseal(SealingFixtures.OtherKey.PrivateKey, label, sealedValue);

        Assert.False(opened.Succeeded);
        Assert.NotNull(opened.Failure);
    }

    [Fact]
    public void A_tampered_payload_fails_authentication()
    {
        var label = new SealingLabel("ns/app");
        var bytes = Convert.FromBase64String(SecretSealer.Seal(SealingFixtures.Cert, label, SealingFixtures.Utf8("value")));
        bytes[^20] ^= 0x01; // a ciphertext byte, after the RSA block

        var opened = SecretUnsealer.TryUnseal(SealingFixtures.Key.PrivateKey, label, Convert.ToBase64String(bytes));

        Assert.False(opened.Succeeded);
        Assert.Contains("AES-GCM authentication", opened.Failure);
    }
}
