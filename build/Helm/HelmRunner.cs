using Cake.Core;
using Cake.Core.IO;
using Cake.Core.Tooling;
using GitOps.Build.Tools.Processes;

namespace GitOps.Build.Helm;

/// <summary>
/// helm as a Cake tool, in the shape of Cake's own tool wrappers: settings in, arguments built by
/// <see cref="HelmArguments"/>, the run captured (see <see cref="CapturingTool{TSettings}"/>), so that
/// Lint and Template can report every unit together.
/// </summary>
public sealed class HelmRunner(IFileSystem fileSystem, ICakeEnvironment environment, CakeProcessRunner processRunner, IToolLocator tools)
    : CapturingTool<HelmChartSettings>(fileSystem, environment, processRunner, tools), IHelm
{
    /// <summary>helm outside a Cake run (tests, benchmarks), through <paramref name="runner"/> (default: the default limit, no cancellation).</summary>
    public static HelmRunner Standalone(ChildProcessRunner? runner = null) => CakeToolServices.Create((f, e, p, t) => new HelmRunner(f, e, p, t), runner);

    // Kept beside the base class's own copy (which it does not share): the Go runtime settings read the caller's variables.
    private readonly ICakeEnvironment _environment = environment;

    public ProcessResult Lint(HelmLintSettings settings) => RunHelm(settings, HelmArguments.Lint(settings));

    public ProcessResult Template(HelmTemplateSettings settings) => RunHelm(settings, HelmArguments.Template(settings));

    public ProcessResult Pull(HelmPullSettings settings) => RunHelm(settings, HelmArguments.Pull(settings));

    protected override string GetToolName() => "helm";

    protected override IEnumerable<string> GetToolExecutableNames() => ["helm", "helm.exe"];

    private ProcessResult RunHelm(HelmChartSettings settings, ProcessArgumentBuilder arguments)
    {
        ShortLivedGoRuntime.Apply(settings.EnvironmentVariables, _environment.GetEnvironmentVariable);
        return Execute(settings, arguments);
    }
}
