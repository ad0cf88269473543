using GitOps.Build.Arguments;
using GitOps.Build.Arguments.Settings;
using GitOps.Build.Hosting;
using GitOps.Build.Primitives;
using GitOps.Build.Sealing;
using GitOps.Build.Yaml;

namespace GitOps.Build.Tasks;

[TaskName("Reseal")]
[TaskArguments(typeof(RepositorySettings), typeof(RenderSettings), typeof(ToolPathSettings), typeof(SelectionSettings), typeof(CertificateSettings), typeof(ResealSettings))]
[TaskDescription("Re-encrypt every sealed value in the values files for a new certificate, offline and in place (--key-file=old keys, --cert=new certificate).")]
public sealed class ResealTask : FrostingTask<BuildContext>
{
    public override void Run(BuildContext context)
    {
        var keys = SealingSupport.LoadKeys(context, context.Settings<ResealSettings>().KeyFile);
        var certificate = SealingSupport.LoadCertificate(context);
        var values = context.Sealing.RenderedValues(context.SelectedUnits());

        var notInValuesFiles = values.Where(v => v.InValuesFile is null).ToList();
        foreach (var value in notInValuesFiles)
            context.Log.Fail($"{value.Where}: {value.Key} of {value.Object} is not set in a values file; reseal it where it is defined.");
        if (notInValuesFiles.Count > 0)
            throw new SealingException($"{notInValuesFiles.Count} sealed value(s) are not in values files; nothing was written.");

        // Everything is resealed in memory first: if one value does not open, no file changes.
        var resealed = new List<(SealedValueInRepo Value, string NewValue)>();
        foreach (var value in values.Where(v => v.InValuesFile is not null).DistinctBy(v => (v.InValuesFile!.File, v.InValuesFile.Start)))
        {
            var result = Resealer.Reseal(value.Value, value.Label, keys, certificate, value.Where);
            resealed.Add((value, result.Ciphertext));
            context.Log.Say($"{value.Where}: {value.Key} of {value.Object} opened by {result.OpenedBy.Name}, resealed");
        }

        foreach (var file in resealed.GroupBy(r => r.Value.InValuesFile!.File))
        {
            var path = Path.GetFullPath(file.Key, context.Root);
            var (text, hasBom) = ValuesFile.Read(path);
            var current = SealedValueLocator.Find(text, file.Key).Values;
            var replacements = file.Select(r =>
            {
                var location = current.FirstOrDefault(l => l.Key == r.Value.Key && l.Home == SealedValueHome.ValuesFile && l.Value == r.Value.Value)
                               ?? throw new SealingException($"{r.Value.Where}: {r.Value.Key} changed while resealing; run Reseal again.");
                return (location, r.NewValue);
            }).ToList();
            ValuesFile.Write(path, SealedValueRewriter.Replace(text, replacements), hasBom);
        }
        context.Log.Say($"resealed {resealed.Count} value(s) in {resealed.Select(r => r.Value.InValuesFile!.File).Distinct().Count()} file(s) for certificate {certificate.Sha256Fingerprint}");
    }
}
