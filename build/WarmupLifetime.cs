using Cake.Core;
using GitOps.Build.Hosting;

namespace GitOps.Build;

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
        if (ModelTasks.Any(Runs)) context.Session.Preload();
        if (Runs("Validate")) _ = context.Session.PreloadCertificate();
        _preloadsBase = Runs("Diff");
        if (_preloadsBase) context.BaseSides.Preload(context.DiffBase);
    }

    // Only a run that preloaded a base side has one to release (asking for it would open the repository).
    private bool _preloadsBase;

    public override void Teardown(BuildContext context, ITeardownContext info)
    {
        if (_preloadsBase) context.BaseSides.Release();
    }
}
