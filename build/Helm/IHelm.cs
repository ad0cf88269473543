using GitOps.Build.Tools.Processes;

namespace GitOps.Build.Helm;

/// <summary>The helm commands the pipeline needs; <see cref="HelmRunner"/> runs the real binary.</summary>
public interface IHelm
{
    ProcessResult Lint(HelmLintSettings settings);
    ProcessResult Template(HelmTemplateSettings settings);
    ProcessResult Pull(HelmPullSettings settings);
}
