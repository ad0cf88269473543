namespace GitOps.Build.Helm;

/// <summary>The helm commands the pipeline needs; <see cref="HelmRunner"/> runs the real binary.</summary>
public interface IHelm
{
    HelmResult Lint(HelmLintSettings settings);
    HelmResult Template(HelmTemplateSettings settings);
    HelmResult Pull(HelmPullSettings settings);
}
