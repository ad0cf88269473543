using Cake.Core;
using Cake.Core.IO;
using Cake.Core.Tooling;

namespace GitOps.Build.Helm;

/// <summary>
/// helm as a Cake tool, in the shape of Cake's own tool wrappers: settings in, arguments built by
/// <see cref="HelmArguments"/>, the process run by Cake's runner. Output is captured and the exit
/// code returned rather than thrown, so Lint and Template can report every unit together.
/// </summary>
public sealed class HelmRunner(IFileSystem fileSystem, ICakeEnvironment environment, IProcessRunner processRunner, IToolLocator tools)
    : Tool<HelmChartSettings>(fileSystem, environment, processRunner, tools), IHelm
{
    public HelmResult Lint(HelmLintSettings settings) => Execute(settings, HelmArguments.Lint(settings));

    public HelmResult Template(HelmTemplateSettings settings) => Execute(settings, HelmArguments.Template(settings));

    public HelmResult Pull(HelmPullSettings settings) => Execute(settings, HelmArguments.Pull(settings));

    protected override string GetToolName() => "helm";

    protected override IEnumerable<string> GetToolExecutableNames() => ["helm", "helm.exe"];

    private HelmResult Execute(HelmChartSettings settings, ProcessArgumentBuilder arguments)
    {
        HelmResult? result = null;
        settings.HandleExitCode = _ => true; // reported through HelmResult, not as an exception
        ShortLivedGoRuntime.Apply(settings.EnvironmentVariables, environment.GetEnvironmentVariable);
        var process = new ProcessSettings { RedirectStandardOutput = true, RedirectStandardError = true, Silent = true };
        Run(settings, arguments, process, p => result = new HelmResult(
            p.GetExitCode(),
            string.Join('\n', p.GetStandardOutput()),
            string.Join('\n', p.GetStandardError())));
        return result ?? throw new InvalidOperationException("helm produced no result");
    }
}
