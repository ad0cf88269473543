using Cake.Core;
using Cake.Core.IO;
using Cake.Core.Tooling;
using GitOps.Build.Tools.Processes;

namespace GitOps.Build.Kubectl;

/// <summary>
/// kubectl as a Cake tool, in the shape of <see cref="Helm.HelmRunner"/>: settings in, arguments
/// built by <see cref="KubectlArguments"/>, the run captured (see <see cref="CapturingTool{TSettings}"/>).
/// </summary>
public sealed class KubectlRunner(IFileSystem fileSystem, ICakeEnvironment environment, CakeProcessRunner processRunner, IToolLocator tools)
    : CapturingTool<KubectlSettings>(fileSystem, environment, processRunner, tools), IKubectl
{
    /// <summary>kubectl outside a Cake run (tests, benchmarks), through <paramref name="runner"/> (default: the default limit, no cancellation).</summary>
    public static KubectlRunner Standalone(ChildProcessRunner? runner = null) => CakeToolServices.Create((f, e, p, t) => new KubectlRunner(f, e, p, t), runner);

    public ProcessResult Kustomize(KubectlKustomizeSettings settings) => Execute(settings, KubectlArguments.Kustomize(settings));

    protected override string GetToolName() => "kubectl";

    protected override IEnumerable<string> GetToolExecutableNames() => ["kubectl", "kubectl.exe"];
}
