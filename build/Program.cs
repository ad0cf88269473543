using GitOps.Build;
using GitOps.Build.Arguments;
using GitOps.Build.Hosting;
using GitOps.Build.Tasks;

// Host set-up and nothing else: tasks are discovered in this assembly.
return await new CakeHost()
    .UseContext<BuildContext>()
    .UseLifetime<ReportLifetime>()
    .UseLifetime<WarmupLifetime>()
    .UseWarmup(GitOps.Build.Checks.ValidationWarmup.Statics)
    .UseArgumentHelp(BuildArguments.Help)
    .RunAsync(args);
