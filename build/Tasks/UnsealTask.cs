using GitOps.Build.Arguments;
using GitOps.Build.Arguments.Settings;
using GitOps.Build.Hosting;
using GitOps.Build.Sealing.Operations;

namespace GitOps.Build.Tasks;

[TaskName("Unseal")]
[TaskArguments(typeof(RepositorySettings), typeof(RenderSettings), typeof(ToolPathSettings), typeof(SelectionSettings), typeof(UnsealSettings))]
[TaskDescription("Offline recovery: open sealed values with a key backup (--key-file; --input=values file or SealedSecret, default all Applications; --output=file or --show).")]
public sealed class UnsealTask : FrostingTask<BuildContext>
{
    public override void Run(BuildContext context)
    {
        var settings = context.Settings<UnsealSettings>();
        // Without --input, every selected Application's values are rendered; with it, only the file's.
        var units = settings.Input is null ? context.Units.Owned : [];
        var request = new UnsealRequest(settings.KeyFile, units, settings.Input, settings.Namespace, settings.Output, settings.Show, settings.Force);
        new UnsealOperation(context.Session.Sealing, context.Log, context.Console.Profile.Out.Writer).Run(request);
    }
}
