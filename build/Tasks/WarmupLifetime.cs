using Cake.Core;
using GitOps.Build.Checks;
using GitOps.Build.Hosting;

namespace GitOps.Build.Tasks;

/// <summary>When this run will validate, starts Validate's one-time set-up in the background (see ValidationWarmup).</summary>
public sealed class WarmupLifetime : FrostingLifetime<BuildContext>
{
    public override void Setup(BuildContext context, ISetupContext info)
    {
        if (info.TasksToExecute.Any(t => string.Equals(t.Name, "Validate", StringComparison.OrdinalIgnoreCase)))
        {
            _ = ValidationWarmup.Start(SealingSupport.CertificatePath(context));
        }
    }

    public override void Teardown(BuildContext context, ITeardownContext info) { }
}
