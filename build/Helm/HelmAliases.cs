using Cake.Core;
using Cake.Core.Annotations;

namespace GitOps.Build.Helm;

/// <summary>Cake aliases for helm, as Cake.Helm would offer them.</summary>
[CakeAliasCategory("Helm")]
public static class HelmAliases
{
    [CakeMethodAlias]
    public static HelmResult HelmLint(this ICakeContext context, HelmLintSettings settings) =>
        Runner(context).Lint(settings);

    [CakeMethodAlias]
    public static HelmResult HelmTemplate(this ICakeContext context, HelmTemplateSettings settings) =>
        Runner(context).Template(settings);

    private static HelmRunner Runner(ICakeContext context) =>
        new(context.FileSystem, context.Environment, context.ProcessRunner, context.Tools);
}
