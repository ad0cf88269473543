using Cake.Core;
using GitOps.Build.Hosting;
using GitOps.Build.IO;
using GitOps.Build.Primitives;

namespace GitOps.Build;

/// <summary>
/// Before the first task: removes scratch folders a killed run left behind (its process is gone),
/// so an interrupted run never leaves secret-bearing temp files for long.
/// </summary>
public sealed class ScratchLifetime : FrostingLifetime<BuildContext>
{
    public override void Setup(BuildContext context, ISetupContext info)
    {
        var removed = ScratchFolder.SweepStale();
        if (removed > 0) context.Log.Detail($"removed {removed} scratch folder(s) left by an interrupted run ({ScratchFolder.Root})");
    }

    public override void Teardown(BuildContext context, ITeardownContext info) { }
}
