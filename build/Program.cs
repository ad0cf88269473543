using GitOps.Build;
using GitOps.Build.Arguments;
using GitOps.Build.Hosting;

// Host set-up and nothing else: tasks are discovered in this assembly.
return await new CakeHost()
    .UseContext<BuildContext>()
    .UseArgumentHelp(BuildArguments.Help)
    .RunAsync(args);
