using GitOps.Build.Sealing;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Parameters;

namespace GitOps.Build.Tests.Sealing;

public class FastRsaPublicEngineTests
{
    [Fact]
    public void Gives_the_same_blocks_as_BouncyCastles_RsaEngine()
    {
        var publicKey = SealingFixtures.Cert.PublicKey;
        var fast = new FastRsaPublicEngine();
        fast.Init(true, new ParametersWithRandom(publicKey));
        var reference = new RsaEngine();
        reference.Init(true, publicKey);
        Assert.Equal(reference.GetInputBlockSize(), fast.GetInputBlockSize());
        Assert.Equal(reference.GetOutputBlockSize(), fast.GetOutputBlockSize());

        var random = new Random(42);
        foreach (var length in new[] { 1, 32, 200, 511 })
        {
            var block = new byte[length];
            random.NextBytes(block);
            if (length == 511) block[0] = 0x7f;
            Assert.Equal(reference.ProcessBlock(block, 0, length), fast.ProcessBlock(block, 0, length));
        }
    }

    [Fact]
    public void Refuses_private_keys_decryption_and_oversized_input()
    {
        var fast = new FastRsaPublicEngine();
        Assert.Throws<InvalidOperationException>(() => fast.Init(true, SealingFixtures.Key.PrivateKey));
        Assert.Throws<InvalidOperationException>(() => fast.Init(false, SealingFixtures.Cert.PublicKey));

        fast.Init(true, SealingFixtures.Cert.PublicKey);
        var tooBig = Enumerable.Repeat((byte)0xff, 512).ToArray();
        Assert.Throws<DataLengthException>(() => fast.ProcessBlock(tooBig, 0, tooBig.Length));
    }
}
