using System.Security.Cryptography;
using GitOps.Build.Arguments;
using GitOps.Build.Arguments.Settings;
using GitOps.Build.Git;
using GitOps.Build.Hosting;
using GitOps.Build.IO;
using GitOps.Build.Primitives;
using GitOps.Build.Sealing;

namespace GitOps.Build.Tasks;

[TaskName("Unseal")]
[TaskArguments(typeof(RepositorySettings), typeof(RenderSettings), typeof(ToolPathSettings), typeof(SelectionSettings), typeof(UnsealSettings))]
[TaskDescription("Offline recovery: open sealed values with a key backup (--key-file; --input=values file or SealedSecret, default all Applications; --output=file or --show).")]
public sealed class UnsealTask : FrostingTask<BuildContext>
{
    public override void Run(BuildContext context)
    {
        var settings = context.Settings<UnsealSettings>();
        var keys = SealingSupport.LoadKeys(context, settings.KeyFile);
        var output = settings.Output;
        if (output is not null) WorkTreeGuard.Ensure(output, "plaintext secret values", settings.Force);
        var show = settings.Show;
        var values = SealedValuesToOpen(context);
        if (values.Count == 0)
        {
            context.Log.Say("no sealed values found");
            return;
        }

        var secrets = new Dictionary<(string Namespace, string Name), (Dictionary<string, byte[]> Values, List<string> Sources)>();
        var failed = 0;
        try
        {
            foreach (var value in values)
            {
                var opened = BackupUnsealer.TryUnseal(keys, value.Label, value.Value, out var failures);
                if (opened is null)
                {
                    failed++;
                    context.Log.Fail($"{value.Where}: {value.Key} does not open under label '{value.Label}':\n  " + string.Join("\n  ", failures));
                    continue;
                }
                context.Log.Say($"{value.Where}: {value.Key} of {value.Object} opened by {opened.OpenedBy.Name}");
                var entry = secrets.TryGetValue((value.Namespace, value.SecretName), out var known) ? known : secrets[(value.Namespace, value.SecretName)] = ([], []);
                entry.Values[value.Key] = opened.Plaintext;
                if (!entry.Sources.Contains(value.File)) entry.Sources.Add(value.File);
            }

            // All or nothing: a partial result must not replace a good file (or pass for the whole set on screen).
            if (failed > 0)
                throw new SealingException($"{failed} of {values.Count} sealed value(s) did not open with {keys.Source}; "
                    + (output is null ? "nothing shown." : $"nothing written, {output} is left as it was."));
            var yaml = UnsealedSecrets.ToSecretYaml(secrets.Select(s => new UnsealedSecret(s.Key.Name, s.Key.Namespace, s.Value.Values, s.Value.Sources)));
            if (output is not null)
            {
                AtomicFile.WriteAllText(output, yaml, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                context.Log.Say($"wrote {secrets.Count} Secret manifest(s) to {output} (owner-only permissions; it holds plaintext)");
            }
            if (show) Console.Out.Write(yaml); // asked for explicitly; straight to the terminal, never through the log
            if (output is null && !show) context.Log.Say("values not written: pass --output=<file> or --show to see them");
        }
        finally
        {
            foreach (var secret in secrets.Values)
                foreach (var plaintext in secret.Values.Values) CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    private static IReadOnlyList<SealedValueInRepo> SealedValuesToOpen(BuildContext context)
    {
        var settings = context.Settings<UnsealSettings>();
        var input = settings.Input;
        if (input is null) return context.Sealing.RenderedValues(context.SelectedUnits());
        if (!File.Exists(input)) throw new UsageException($"--input={input}: no such file.");

        var found = SealedValueLocator.FindInFile(input);
        if (found.Problems.Count > 0) throw new SealingException(string.Join("\n", found.Problems));
        var result = new List<SealedValueInRepo>();
        foreach (var manifestValue in found.Values.Where(v => v.Home == SealedValueHome.SealedSecretManifest))
        {
            var ns = manifestValue.Namespace ?? settings.Namespace;
            if (ns is null && manifestValue.Scope != SealingScope.ClusterWide)
                throw new UsageException($"{manifestValue.Where}: the SealedSecret has no metadata.namespace; pass --namespace=<namespace it is applied to>.");
            result.Add(new SealedValueInRepo(Path.GetFileName(input), manifestValue.SecretName ?? "", ns ?? "", manifestValue.Scope,
                manifestValue.Key, manifestValue.Value, input, manifestValue.Line, null));
        }
        if (found.Values.Any(v => v.Home == SealedValueHome.ValuesFile))
        {
            var units = context.Model.Units.Where(u => u.ValueFiles.Any(v => v.Path is { } p && Path.GetFullPath(p) == input)).ToList();
            if (units.Count == 0)
                throw new UsageException($"--input={input}: no Application uses this values file, so the Secret name and namespace are unknown.");
            var relative = SealingSupport.Relative(context, input);
            result.AddRange(context.Sealing.RenderedValues(units).Where(v => v.InValuesFile?.File == relative));
        }
        return result;
    }
}
