using GitOps.Build.Kubectl;
using GitOps.Build.Tests.Support;

namespace GitOps.Build.Tests.Kubectl;

/// <summary>
/// kubectl as a Cake tool: the argument list KubectlArguments builds, checked as the argv a stand-in
/// "kubectl" receives (run through the one child-process runner), so that order and the absence of
/// any quoting are both covered; and what the tool's settings add (environment, output, exit code).
/// </summary>
public sealed class KubectlArgumentsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("kubectl-args-").FullName;
    private readonly string _fakeKubectl;

    public KubectlArgumentsTests() =>
        _fakeKubectl = FakeTool.Write(_dir, "kubectl", "printf '%s\\0' \"$@\" > \"$ARGV_FILE\"\necho 'kind: ConfigMap'\necho \"home=$HELM_CACHE_HOME\" >&2\nexit \"${EXIT:-0}\"");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private (IReadOnlyList<string> Argv, global::GitOps.Build.Tools.Processes.ProcessResult Result) Kustomize(KubectlKustomizeSettings settings)
    {
        var file = Path.Combine(_dir, $"argv-{Guid.NewGuid():N}");
        settings.ToolPath = _fakeKubectl;
        settings.EnvironmentVariables["ARGV_FILE"] = file;
        var result = KubectlRunner.Standalone().Kustomize(settings);
        var text = File.ReadAllText(file);
        Assert.EndsWith("\0", text);
        return (text[..^1].Split('\0'), result);
    }

    [Fact]
    public void Kustomize_with_nothing_but_a_folder()
    {
        Assert.Equal(["kustomize", "/repo/apps/web/envs/prod"], Kustomize(new KubectlKustomizeSettings { Directory = "/repo/apps/web/envs/prod" }).Argv);
    }

    [Fact]
    public void Kustomize_with_helm_charts_and_a_load_restrictor_passes_each_as_one_argument()
    {
        var settings = new KubectlKustomizeSettings
        {
            Directory = "/scratch/repo/apps/my app",
            EnableHelm = true,
            HelmCommand = "/tools/helm v3/helm",
            LoadRestrictor = "LoadRestrictionsNone",
        };
        Assert.Equal(
            ["kustomize", "/scratch/repo/apps/my app", "--enable-helm", "--helm-command", "/tools/helm v3/helm", "--load-restrictor", "LoadRestrictionsNone"],
            Kustomize(settings).Argv);
    }

    [Fact]
    public void A_helm_command_without_enable_helm_is_not_passed()
    {
        Assert.Equal(["kustomize", "/o"], Kustomize(new KubectlKustomizeSettings { Directory = "/o", HelmCommand = "/tools/helm" }).Argv);
    }

    [Fact]
    public void Output_environment_and_a_failing_exit_code_come_back_as_the_result()
    {
        var settings = new KubectlKustomizeSettings { Directory = "/o" };
        settings.EnvironmentVariables["HELM_CACHE_HOME"] = "/scratch/helm-cache";
        settings.EnvironmentVariables["EXIT"] = "1";
        var (_, result) = Kustomize(settings);
        Assert.Equal((1, "kind: ConfigMap\n", "home=/scratch/helm-cache\n"), (result.ExitCode, result.Output, result.Error));
    }
}
