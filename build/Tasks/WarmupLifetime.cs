using Cake.Core;
using GitOps.Build.Checks;
using GitOps.Build.Hosting;

namespace GitOps.Build.Tasks;

/// <summary>
/// Before the first task: when this run will lint, render, validate or diff, starts reading the
/// repository model and the sealing certificate (and Diff's base side) on background threads, so
/// that they overlap the set-up output and the Tools task instead of following them.
/// </summary>
public sealed class WarmupLifetime : FrostingLifetime<BuildContext>
{
    private static readonly string[] ModelTasks = ["Lint", "Template", "Validate", "Diff"];

    public override void Setup(BuildContext context, ISetupContext info)
    {
        bool Runs(string name) => info.TasksToExecute.Any(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase));
        if (ModelTasks.Any(Runs)) context.PreloadModel();
        if (Runs("Validate")) _ = ValidationWarmup.StartCertificate(SealingSupport.CertificatePath(context));
        if (Runs("Diff")) ChangeSupport.PreloadBase(context);
    }

    public override void Teardown(BuildContext context, ITeardownContext info) => ChangeSupport.ReleaseBase(context);
}
