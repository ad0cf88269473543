using GitOps.Build.Arguments;
using GitOps.Build.Hosting;

namespace GitOps.Build;

/// <summary>The build program's host, configured once: Program runs it, the tests run the same one.</summary>
public static class BuildHost
{
    public static CakeHost Create() => new CakeHost()
        .AddAssembly(typeof(BuildHost).Assembly)
        .UseContext<BuildContext>()
        .UseLifetime<ScratchLifetime>()
        .UseLifetime<WarmupLifetime>()
        .UseLifetime<ReportLifetime>()
        .UseWarmup(Checks.Runner.ValidationWarmup.Statics)
        .UseArgumentHelp(ArgumentCatalog.HelpRows)
        .UseRunCheck(PreRunCheck.Check)
        // Children first: a helm still running may be writing into a scratch folder.
        .UseInterruptCleanup(Tools.Processes.ChildProcessRunner.KillAllLive)
        .UseInterruptCleanup(IO.ScratchFolder.DeleteAllLive);
}
