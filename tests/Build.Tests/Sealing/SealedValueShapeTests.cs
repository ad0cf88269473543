using System.Buffers.Binary;
using GitOps.Build.Sealing;

namespace GitOps.Build.Tests.Sealing;

public class SealedValueShapeTests
{
    private static string Sealed(string text = "value") =>
        SecretSealer.Seal(SealingFixtures.Cert, new SealingLabel("ns/app"), SealingFixtures.Utf8(text));

    [Fact]
    public void A_value_sealed_with_the_certificate_is_well_formed_for_it()
    {
        Assert.Null(SealedValueShape.Check(Sealed(), SealingFixtures.Cert));
        Assert.Null(SealedValueShape.Check(Sealed(""), SealingFixtures.Cert));
    }

    [Fact]
    public void Plaintext_pasted_instead_of_a_sealed_value_is_not_base64()
    {
        Assert.Contains("not base64", SealedValueShape.Check("my-password!", SealingFixtures.Cert));
        Assert.Contains("empty", SealedValueShape.Check("", SealingFixtures.Cert));
    }

    [Fact]
    public void A_truncated_value_leaves_no_room_for_the_tag()
    {
        var bytes = Convert.FromBase64String(Sealed());
        var truncated = Convert.ToBase64String(bytes[..(2 + 512 + 10)]);

        var reason = SealedValueShape.Check(truncated, SealingFixtures.Cert);

        Assert.Contains("leaving 10 byte(s) for the payload", reason);
        Assert.Contains("AES-GCM tag", reason);
    }

    [Fact]
    public void A_value_sealed_for_another_key_size_names_both_sizes()
    {
        var (_, certPem) = SealingFixtures.NewKeyPair(2048);
        var smaller = SealingCertificates.Parse(certPem, "2048.pem");
        var sealedFor2048 = SecretSealer.Seal(smaller, new SealingLabel("ns/app"), SealingFixtures.Utf8("v"));

        var reason = SealedValueShape.Check(sealedFor2048, SealingFixtures.Cert);

        Assert.Contains("256-byte RSA block (2048-bit key)", reason);
        Assert.Contains("4096-bit (512 bytes)", reason);
    }

    [Fact]
    public void A_length_prefix_beyond_the_data_is_reported()
    {
        var bytes = new byte[40];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, 512);
        Assert.Contains("announces a 512-byte RSA block", SealedValueShape.Check(Convert.ToBase64String(bytes), 512));
        Assert.Contains("too short for the 2-byte length prefix", SealedValueShape.Check("AA==", 512));
    }

    [Fact]
    public void Reasons_never_quote_the_value()
    {
        const string pasted = "hunter2hunter2";
        Assert.DoesNotContain(pasted, SealedValueShape.Check(pasted, SealingFixtures.Cert));
        var attempt = SecretUnsealer.TryUnseal(SealingFixtures.Key.PrivateKey, new SealingLabel("x"), pasted);
        Assert.DoesNotContain(pasted, attempt.Failure);
    }
}
