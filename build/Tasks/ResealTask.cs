using GitOps.Build.Arguments;
using GitOps.Build.Arguments.Settings;
using GitOps.Build.Hosting;
using GitOps.Build.Sealing.Operations;

namespace GitOps.Build.Tasks;

[TaskName("Reseal")]
[TaskArguments(typeof(RepositorySettings), typeof(RenderSettings), typeof(ToolPathSettings), typeof(SelectionSettings), typeof(CertificateSettings), typeof(ResealSettings))]
[TaskDescription("Re-encrypt every sealed value in the values files for a new certificate, offline and in place (--key-file=old keys, --cert=new certificate).")]
public sealed class ResealTask : FrostingTask<BuildContext>
{
    public override void Run(BuildContext context)
    {
        var session = context.Session;
        new ResealOperation(session.Sealing, context.Log).Run(context.Settings<ResealSettings>().KeyFile, session.Certificate(), context.Units.Owned);
    }
}
