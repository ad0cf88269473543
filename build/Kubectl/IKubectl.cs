using GitOps.Build.Tools.Processes;

namespace GitOps.Build.Kubectl;

/// <summary>The kubectl commands the pipeline needs; <see cref="KubectlRunner"/> runs the real binary.</summary>
public interface IKubectl
{
    ProcessResult Kustomize(KubectlKustomizeSettings settings);
}
