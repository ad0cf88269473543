using System.Text;
using GitOps.Build.Sealing;
using GitOps.Build.Tasks;
using GitOps.Build.Tests.Hosting;
using GitOps.Build.Tests.Support;
using GitOps.Build.Yaml;
using LibGit2Sharp;

namespace GitOps.Build.Tests.Sealing;

/// <summary>Unseal and BackupKey write secret material only where git will not pick it up, and Unseal only a complete result.</summary>
[Collection(ConsoleCapture.Name)]
public sealed class KeyMaterialOutputTests
{
    private const string DevLabel = "ontu-schedule-dev/ontu-schedule-bot-admin";

    private static (int ExitCode, string Output) Run(SealingRepositoryCopy repo, Type task, params string[] args)
    {
        var harness = new HostHarness();
        var code = harness.Run([task], host => host.UseContext<BuildContext>(), [$"--root={repo.Root}", $"--helm={TestTools.Helm}", .. args]);
        return (code, harness.Output);
    }

    private static void Put(string valuesFile, string key, string label, string value) =>
        ValuesFile.SetScalar(valuesFile, $"secrets.data.{key}", SecretSealer.Seal(SealingFixtures.Cert, new SealingLabel(label), Encoding.UTF8.GetBytes(value)));

    [Fact]
    public void Unseal_leaves_an_existing_output_exactly_as_it_was_when_a_value_does_not_open()
    {
        using var repo = new SealingRepositoryCopy();
        using var temp = new TempFolder();
        Put(repo.DevValues, "GOOD", DevLabel, "opens");
        Put(repo.DevValues, "BAD", "ontu-schedule-prod/ontu-schedule-bot-admin", "does not open here");
        var output = temp.Write("recovered.yaml", "apiVersion: v1\nkind: Secret\n# the last good recovery\n");
        var before = File.ReadAllBytes(output);
        var modeBefore = OperatingSystem.IsWindows() ? default : File.GetUnixFileMode(output);

        var (code, log) = Run(repo, typeof(UnsealTask), "--target=Unseal", $"--key-file={SealingFixtures.KeyBackupPath}",
            $"--input={repo.DevValues}", $"--output={output}");

        Assert.NotEqual(0, code);
        Assert.Contains("BAD does not open", log);
        Assert.Contains($"nothing written, {output} is left as it was", log);
        Assert.Equal(before, File.ReadAllBytes(output));
        if (!OperatingSystem.IsWindows()) Assert.Equal(modeBefore, File.GetUnixFileMode(output));
        Assert.Equal(["recovered.yaml"], Directory.GetFiles(temp.Path).Select(Path.GetFileName)); // no temp file left
    }

    [Fact]
    public void Unseal_refuses_an_output_in_the_work_tree_that_git_does_not_ignore_unless_forced()
    {
        using var repo = new SealingRepositoryCopy();
        Repository.Init(repo.Root);
        Put(repo.DevValues, "DB_PASSWORD", DevLabel, "dev-db-pass");
        var output = Path.Combine(repo.Root, "gitops", "plain.yaml");
        string[] args = ["--target=Unseal", $"--key-file={SealingFixtures.KeyBackupPath}", $"--input={repo.DevValues}", $"--output={output}"];

        var (code, log) = Run(repo, typeof(UnsealTask), args);

        Assert.True(code != 0, log); // the task fails (a usage error inside a task surfaces as its failure)
        Assert.Contains("gitops/plain.yaml in the git work tree", log);
        Assert.Contains("plaintext secret values written there would be one 'git add -A' away from a commit", log);
        Assert.False(File.Exists(output));

        File.WriteAllText(Path.Combine(repo.Root, ".gitignore"), "gitops/plain.yaml\n");
        (code, log) = Run(repo, typeof(UnsealTask), args);
        Assert.True(code == 0, log);
        Assert.Contains("DB_PASSWORD: dev-db-pass", File.ReadAllText(output));

        File.Delete(Path.Combine(repo.Root, ".gitignore"));
        File.Delete(output);
        (code, log) = Run(repo, typeof(UnsealTask), [.. args, "--force"]);
        Assert.True(code == 0, log);
        Assert.True(File.Exists(output));
    }

    [Fact]
    public void BackupKey_refuses_an_output_in_the_work_tree_before_it_reaches_the_cluster()
    {
        using var repo = new SealingRepositoryCopy();
        Repository.Init(repo.Root);
        var output = Path.Combine(repo.Root, "gitops", "keys.yaml");

        var (code, log) = Run(repo, typeof(BackupKeyTask), "--target=BackupKey", $"--output={output}",
            $"--kubeconfig={Path.Combine(repo.Root, "no-such-kubeconfig")}");

        Assert.True(code != 0, log); // the task fails (a usage error inside a task surfaces as its failure)
        Assert.Contains("gitops/keys.yaml in the git work tree", log);
        Assert.Contains("the controller's private keys", log);
        Assert.Contains("add gitops/keys.yaml to .gitignore", log);
        Assert.False(File.Exists(output));
    }
}
