using Cake.Core.IO;
using GitOps.Build.Tools.Processes;

namespace GitOps.Build.Kubectl;

/// <summary>Builds kubectl's argument lists from settings; one method per command, nothing else.</summary>
public static class KubectlArguments
{
    public static ProcessArgumentBuilder Kustomize(KubectlKustomizeSettings settings)
    {
        var builder = new ProcessArgumentBuilder().AppendItem("kustomize").AppendItem(settings.Directory);
        if (settings.EnableHelm)
        {
            builder.AppendItem("--enable-helm");
            if (!string.IsNullOrEmpty(settings.HelmCommand)) builder.AppendItem("--helm-command").AppendItem(settings.HelmCommand);
        }
        if (!string.IsNullOrEmpty(settings.LoadRestrictor)) builder.AppendItem("--load-restrictor").AppendItem(settings.LoadRestrictor);
        return builder;
    }
}
