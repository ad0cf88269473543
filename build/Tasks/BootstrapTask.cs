using GitOps.Build.Cluster;
using GitOps.Build.Hosting;
using Spectre.Console;

namespace GitOps.Build.Tasks;

[TaskName("Bootstrap")]
[TaskDescription("Installs Argo CD (pinned), applies the AppProjects and the root app, and waits until every automated Application is Synced and Healthy.")]
public sealed class BootstrapTask : AsyncFrostingTask<BuildContext>
{
    public override async Task RunAsync(BuildContext context)
    {
        var args = context.Args;
        var options = new BootstrapOptions
        {
            ArgoCdVersion = args.Reader.Text("argocd-version"),
            ArgoCdManifest = ClusterArguments.ArgoCdManifest(args),
            ProjectFiles = ClusterArguments.ProjectFiles(args.ProjectsPath),
            RootAppFile = args.RootApp,
            RestoreKeyFile = args.Reader.Path("restore-key", args.WorkingDirectory),
            Controller = ClusterArguments.Controller(args),
        };
        using var client = ClusterConnectionFactory.Create(ClusterArguments.Options(args));
        await new BootstrapOperation(client, options, new CakeClusterLog(context.Log), new ConsoleProgressView(AnsiConsole.Console)).RunAsync();
    }
}
