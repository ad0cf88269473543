using System.Buffers.Binary;
using System.Security.Cryptography;
using GitOps.Build.Sealing;

namespace GitOps.Build.Tests.Sealing;

/// <summary>
/// The reverse direction of the kubeseal-encrypt check, which has no decryption: a value sealed by us
/// is opened by OpenSSL's RSA-OAEP (SHA-256, MGF1-SHA-256, the label) and .NET's AES-GCM, neither of
/// which is our code. Only the (random) session key passes through openssl, on stdin/stdout.
/// </summary>
public class OpenSslCrossCheckTests
{
    [OpenSslFact]
    public void A_value_we_seal_opens_with_openssl_rsa_oaep_and_a_stock_aes_gcm()
    {
        const string label = "ontu-schedule-dev/ontu-schedule-bot-admin";
        var plaintext = SealingFixtures.Utf8("opened elsewhere");
        var bytes = Convert.FromBase64String(SecretSealer.Seal(SealingFixtures.Cert, new SealingLabel(label), plaintext));
        int rsaLength = BinaryPrimitives.ReadUInt16BigEndian(bytes);
        var rsaBlock = bytes[2..(2 + rsaLength)];
        var payload = bytes[(2 + rsaLength)..];

        using var temp = new TempFolder();
        var keyFile = temp.Write("tls.key", SealingFixtures.Pkcs1KeyPem); // TEST ONLY key
        var openssl = ExternalTools.Run("openssl",
        [
            "pkeyutl", "-decrypt", "-inkey", keyFile,
            "-pkeyopt", "rsa_padding_mode:oaep", "-pkeyopt", "rsa_oaep_md:sha256", "-pkeyopt", "rsa_mgf1_md:sha256",
            "-pkeyopt", "rsa_oaep_label:" + Convert.ToHexString(SealingFixtures.Utf8(label)),
        ], rsaBlock);
        Assert.True(openssl.ExitCode == 0, "openssl failed: " + openssl.Stderr);
        var sessionKey = openssl.Stdout;
        Assert.Equal(32, sessionKey.Length);

        var opened = new byte[payload.Length - 16];
        using var gcm = new AesGcm(sessionKey, 16);
        gcm.Decrypt(new byte[12], payload[..^16], payload[^16..], opened);
        Assert.Equal(plaintext, opened);
    }
}
