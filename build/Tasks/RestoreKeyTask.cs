using GitOps.Build.Arguments;
using GitOps.Build.Arguments.Settings;
using GitOps.Build.Cluster;
using GitOps.Build.Cluster.Api;
using GitOps.Build.Cluster.Apply;
using GitOps.Build.Cluster.Keys;
using GitOps.Build.Cluster.Operations;
using GitOps.Build.Hosting;
using GitOps.Build.Primitives;

namespace GitOps.Build.Tasks;

[TaskName("RestoreKey")]
[TaskArguments(typeof(RepositorySettings), typeof(RenderSettings), typeof(ToolPathSettings), typeof(ClusterSettings), typeof(ControllerSettings), typeof(RestoreKeySettings))]
[TaskDescription("Restores Sealed Secrets keys from --input, restarts the controller and proves it opens the repository's SealedSecrets.")]
public sealed class RestoreKeyTask : AsyncFrostingTask<BuildContext>
{
    public override async Task RunAsync(BuildContext context)
    {
        var settings = context.Settings<RestoreKeySettings>();
        var force = settings.Force;
        var options = new RestoreKeyOptions
        {
            Input = settings.Input,
            SealedSecrets = SealedSecrets(context, force),
            Force = force,
            Controller = context.Settings<ControllerSettings>().Location(),
        };
        using var client = ClusterConnectionFactory.Create(context.Settings<ClusterSettings>().Options());
        await new RestoreKeyOperation(client, options, new CakeClusterLog(context.Log), new SealingValueOpener()).RunAsync(context.Cancellation);
    }

    /// <summary>The proof needs the repository's SealedSecrets; only --force restores without them.</summary>
    private static IReadOnlyList<ManifestDocument> SealedSecrets(BuildContext context, bool force)
    {
        try
        {
            return RepositorySealedSecrets.Collect(context.Sealing);
        }
        catch (Exception e) when (force && e is not OperationCanceledException)
        {
            context.Log.Warn($"--force: restoring without the repository's SealedSecrets ({e.Message}); nothing will be verified.");
            return [];
        }
    }
}
