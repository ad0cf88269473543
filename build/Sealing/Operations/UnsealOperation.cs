using System.Security.Cryptography;
using Cake.Core.Diagnostics;
using GitOps.Build.Git;
using GitOps.Build.GitOps;
using GitOps.Build.IO;
using GitOps.Build.Primitives;

namespace GitOps.Build.Sealing.Operations;

/// <summary>
/// What Unseal is asked: the key backup; the sealed values of <paramref name="Units"/>, or of one file
/// (<paramref name="Input"/>: a values file or a SealedSecret manifest, <paramref name="Namespace"/> for
/// one that names none); where the opened Secrets go (<paramref name="Output"/>, <paramref name="Show"/>).
/// </summary>
public sealed record UnsealRequest(string KeyFile, IReadOnlyList<RenderUnit> Units, string? Input = null, string? Namespace = null,
    string? Output = null, bool Show = false, bool Force = false);

/// <summary>
/// Unseal, offline recovery: opens every sealed value with a key backup and writes the opened Secrets
/// as manifests (owner-only, atomic) or shows them on the terminal when asked. All or nothing: when one
/// value does not open, nothing is written or shown. Never into a git work tree where git would pick the
/// file up; the plaintext is wiped from memory afterwards.
/// </summary>
/// <param name="terminal">Where --show prints the opened Secrets (standard output; never the log).</param>
public sealed class UnsealOperation(SealingInventory inventory, ICakeLog log, TextWriter terminal)
{
    public void Run(UnsealRequest request)
    {
        var keys = SealingInputs.Keys(request.KeyFile, inventory.Model.Relative(request.KeyFile), log);
        var output = request.Output;
        if (output is not null) WorkTreeGuard.Ensure(output, "plaintext secret values", request.Force);
        var values = request.Input is null ? inventory.RenderedValues(request.Units) : inventory.ValuesInFile(request.Input, request.Namespace);
        if (values.Count == 0)
        {
            log.Say("no sealed values found");
            return;
        }

        var secrets = new Dictionary<(string Namespace, string Name), (Dictionary<string, byte[]> Values, List<string> Sources)>();
        try
        {
            var failed = 0;
            foreach (var value in values)
            {
                var opened = BackupUnsealer.TryUnseal(keys, value.Label, value.Ciphertext, out var failures);
                if (opened is null)
                {
                    failed++;
                    log.Fail($"{value.Where}: {value.Key} does not open under label '{value.Label}':\n  " + string.Join("\n  ", failures));
                    continue;
                }
                log.Say($"{value.Where}: {value.Key} of {value.Object} opened by {opened.OpenedBy.Name}");
                var entry = secrets.TryGetValue((value.Namespace!, value.SecretName!), out var known) ? known : secrets[(value.Namespace!, value.SecretName!)] = ([], []);
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
                log.Say($"wrote {secrets.Count} Secret manifest(s) to {output} (owner-only permissions; it holds plaintext)");
            }
            if (request.Show) terminal.Write(yaml); // asked for explicitly; straight to the terminal, never through the log
            if (output is null && !request.Show) log.Say("values not written: pass --output=<file> or --show to see them");
        }
        finally
        {
            foreach (var secret in secrets.Values)
                foreach (var plaintext in secret.Values.Values) CryptographicOperations.ZeroMemory(plaintext);
        }
    }
}
