using System.Text;
using GitOps.Build.Sealing;

namespace GitOps.Build.Tests.Sealing;

public class ValuesFileSealingTests
{
    [Fact]
    public void The_sealed_value_goes_to_the_writer_at_secrets_data_key()
    {
        using var temp = new TempFolder();
        var file = temp.Write("values-dev.yaml", "secrets:\n  data: {}\n");
        var label = new SealingLabel("ontu-schedule-dev/ontu-schedule-bot-admin");
        var calls = new List<(string File, string Path, string Value)>();

        var returned = ValuesFileSealing.SealInto(file, "DB_PASSWORD", Encoding.UTF8.GetBytes("pw"), SealingFixtures.Cert, label,
            (f, path, value) => calls.Add((f, string.Join('.', path), value)));

        var call = Assert.Single(calls);
        Assert.Equal((file, "secrets.data.DB_PASSWORD", returned), call);
        Assert.Equal("pw", Encoding.UTF8.GetString(SecretUnsealer.TryUnseal(SealingFixtures.Key.PrivateKey, label, call.Value).Plaintext!));
    }

    [Theory]
    [InlineData("bad key", "pw", "not a valid Secret key")]
    [InlineData("KEY", "", "empty")]
    [InlineData("tls.crt", "pw", "contains '.'")]
    public void A_bad_key_or_empty_value_never_reaches_the_writer(string key, string value, string expected)
    {
        using var temp = new TempFolder();
        var file = temp.Write("values.yaml", "secrets: {}\n");
        var error = Assert.Throws<SealingException>(() => ValuesFileSealing.SealInto(file, key, Encoding.UTF8.GetBytes(value),
            SealingFixtures.Cert, new SealingLabel("a/b"), (_, _, _) => Assert.Fail("writer called")));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Input_is_read_byte_for_byte_and_a_trailing_newline_is_warned_about_without_the_value()
    {
        var read = SecretInput.FromStream(new MemoryStream(Encoding.UTF8.GetBytes("hunter2\n")));
        Assert.Equal("hunter2\n", Encoding.UTF8.GetString(read.Bytes));
        var warning = Assert.Single(read.Warnings);
        Assert.Contains("newline", warning);
        Assert.DoesNotContain("hunter2", warning);

        Assert.Throws<SealingException>(() => SecretInput.FromStream(new MemoryStream()));
    }
}
