using GitOps.Build.Arguments;
using GitOps.Build.Arguments.Settings;
using GitOps.Build.Cluster;
using GitOps.Build.Cluster.Api;
using GitOps.Build.Cluster.Operations;
using GitOps.Build.Cluster.Wait;
using GitOps.Build.Config;
using GitOps.Build.Hosting;

namespace GitOps.Build.Tasks;

[TaskName("Bootstrap")]
[TaskArguments(typeof(RepositorySettings), typeof(ClusterSettings), typeof(ControllerSettings), typeof(BootstrapSettings))]
[TaskDescription("Installs Argo CD (pinned), applies the AppProjects and the root app, and waits until every automated Application is Synced and Healthy.")]
public sealed class BootstrapTask : AsyncFrostingTask<BuildContext>
{
    public override async Task RunAsync(BuildContext context)
    {
        var settings = context.Settings<BootstrapSettings>();
        var options = new BootstrapOptions
        {
            ArgoCdVersion = settings.ArgoCdVersion,
            ArgoCdManifest = ClusterArguments.ArgoCdManifest(settings.ArgoCdManifest, context.WorkingDirectory),
            ProjectFiles = ClusterArguments.ProjectFiles(context.Repository.ProjectsPath),
            RootAppFile = context.Repository.RootAppPath is { } rootApp && File.Exists(rootApp)
                ? rootApp
                : throw new UsageException($"Bootstrap applies one root app file: pass --root-app=<file> (no {RepositoryEntry.DefaultRootApp} in {context.Root})."),
            RestoreKeyFile = settings.RestoreKey,
            Controller = context.Settings<ControllerSettings>().Location(),
        };
        using var client = ClusterConnectionFactory.Create(context.Settings<ClusterSettings>().Options());
        await new BootstrapOperation(client, options, new CakeClusterLog(context.Log), new ConsoleProgressView(context.Console)).RunAsync(context.Cancellation);
    }
}
