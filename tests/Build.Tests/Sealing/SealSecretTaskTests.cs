using System.Text;
using GitOps.Build.Sealing;
using GitOps.Build.Tasks;
using GitOps.Build.Tests.Hosting;
using GitOps.Build.Tests.Support;

namespace GitOps.Build.Tests.Sealing;

/// <summary>
/// SealSecret end to end through the host, on a copy of this repository: the chart is rendered to
/// learn the Secret name, the value lands in the values file, and nothing else changes.
/// </summary>
[Collection(ConsoleCapture.Name)]
public class SealSecretTaskTests
{
    private const string DevLabel = "ontu-schedule-dev/ontu-schedule-bot-admin"; // namespace of the dev Application / chart fullname

    private static (int ExitCode, string Output) SealSecret(RepositoryCopy repo, string? valueFile, params string[] extra)
    {
        var harness = new HostHarness();
        var code = harness.Run([typeof(SealSecretTask)], host => host.UseContext<BuildContext>(),
            [
                "--target=SealSecret", $"--root={repo.Root}", $"--helm={TestTools.Helm}",
                "--app=ontu-schedule-bot-admin", "--env=dev", .. valueFile is null ? Array.Empty<string>() : [$"--from-file={valueFile}"], .. extra,
            ]);
        return (code, harness.Output);
    }

    [Fact]
    public void The_values_file_changes_only_in_the_sealed_lines_and_the_value_opens_under_the_rendered_name()
    {
        using var repo = RepositoryCopy.OfRealRepository();
        using var temp = new TempFolder();
        var value = temp.Write("value", "first-secret");
        var original = File.ReadAllLines(repo.DevValues);

        var (code, output) = SealSecret(repo, value, "--key=DB_PASSWORD");
        Assert.True(code == 0, output);
        var afterFirst = File.ReadAllLines(repo.DevValues);
        var sealedLine = Array.FindIndex(afterFirst, l => l.StartsWith("    DB_PASSWORD: ", StringComparison.Ordinal));
        // `data: {}` became `data:` followed by the one new line; every other line is untouched.
        Assert.Equal(original.Select(l => l == "  data: {}" ? "  data:" : l), afterFirst.Where((_, i) => i != sealedLine));

        var sealedValue = afterFirst[sealedLine]["    DB_PASSWORD: ".Length..];
        var opened = BackupUnsealer.Unseal(SealingFixtures.Backup, new SealingLabel(DevLabel), sealedValue, "values-dev.yaml");
        Assert.Equal("first-secret", Encoding.UTF8.GetString(opened.Plaintext));

        File.WriteAllText(value, "second-secret");
        Assert.Equal(0, SealSecret(repo, value, "--key=DB_PASSWORD").ExitCode);
        var afterSecond = File.ReadAllLines(repo.DevValues);
        Assert.Equal(afterFirst.Length, afterSecond.Length);
        Assert.Equal([sealedLine], Enumerable.Range(0, afterFirst.Length).Where(i => afterFirst[i] != afterSecond[i]));
    }

    public static TheoryData<string, string[]> FailedSeals => new()
    {
        { "expired", ["--key=DB_PASSWORD", "--cert={expired}"] },
        { "no Application carries these labels", ["--key=DB_PASSWORD", "--app=no-such-app"] },
        { "is not a valid Secret key", ["--key=bad key!"] },
        { "is empty; nothing to seal", ["--key=DB_PASSWORD", "--from-file={empty}"] },
    };

    [Theory]
    [MemberData(nameof(FailedSeals))]
    public void A_failed_seal_leaves_the_values_file_byte_identical(string reason, string[] arguments)
    {
        using var repo = RepositoryCopy.OfRealRepository();
        using var temp = new TempFolder();
        var value = temp.Write("value", "never-written");
        var expired = temp.Write("expired.pem", SealingFixtures.SelfSignedPem(DateTimeOffset.UtcNow.AddYears(-2), DateTimeOffset.UtcNow.AddDays(-1)));
        var empty = temp.Write("empty", "");
        var before = File.ReadAllBytes(repo.DevValues);

        var (code, output) = SealSecret(repo, value, [.. arguments.Select(a => a.Replace("{expired}", expired).Replace("{empty}", empty))]);

        Assert.True(code != 0, $"expected a failure exit code\n{output}");
        Assert.Contains(reason, output);
        Assert.Equal(before, File.ReadAllBytes(repo.DevValues));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(repo.DevValues)!, "*.tmp"));
    }

    [Fact]
    public void No_output_of_a_run_carries_the_plaintext_whether_it_succeeds_or_fails()
    {
        const string plaintext = "Pl41n-T3xt-Never-Printed";
        using var repo = RepositoryCopy.OfRealRepository();
        using var temp = new TempFolder();
        var value = temp.Write("value", plaintext);

        using var console = new ConsoleCapture();
        var ok = SealSecret(repo, value, "--key=API_TOKEN", "--verbosity=diagnostic");
        var failed = SealSecret(repo, value, "--key=API_TOKEN", "--scope=cluster-wide", "--verbosity=diagnostic");
        var inline = SealSecret(repo, null, "--key=OTHER", $"--value={plaintext}", "--verbosity=diagnostic");

        Assert.Equal(0, ok.ExitCode);
        Assert.Equal(0, inline.ExitCode);
        Assert.NotEqual(0, failed.ExitCode);
        Assert.Contains("--scope=cluster-wide, but the chart renders the SealedSecret strict", failed.Output);
        Assert.Contains("shell history", inline.Output);
        foreach (var output in new[] { ok.Output, failed.Output, inline.Output, console.Text })
            Assert.DoesNotContain(plaintext, output);
        Assert.DoesNotContain(plaintext, File.ReadAllText(repo.DevValues));
    }
}

/// <summary>Captures what is written straight to Console.Out/Error (outside Cake's log) during a test.</summary>
public sealed class ConsoleCapture : IDisposable
{
    public const string Name = "console capture";
    private readonly TextWriter _out = Console.Out, _error = Console.Error;
    private readonly StringWriter _text = new();

    public ConsoleCapture()
    {
        Console.SetOut(_text);
        Console.SetError(_text);
    }

    public string Text => _text.ToString();

    public void Dispose()
    {
        Console.SetOut(_out);
        Console.SetError(_error);
    }
}

[CollectionDefinition(ConsoleCapture.Name, DisableParallelization = true)]
public sealed class ConsoleCaptureCollection;
