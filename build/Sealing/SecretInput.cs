using GitOps.Build.Primitives;

namespace GitOps.Build.Sealing;

/// <summary>A secret value read for sealing, and warnings about it that do not reveal it.</summary>
public sealed record SecretValue(byte[] Bytes, IReadOnlyList<string> Warnings);

/// <summary>
/// Reads the value to seal from standard input or a file, byte for byte (as kubeseal --raw does:
/// a trailing newline is part of the value, so it is kept but warned about). Empty input is refused.
/// </summary>
public static class SecretInput
{
    /// <summary>
    /// The value given one way: from a file, on the command line (warned about: it stays in shell history
    /// and the process list), else from standard input, announced on <paramref name="prompt"/> when a
    /// person types it (null: it is piped in).
    /// </summary>
    /// <exception cref="InputException">Both a file and a command-line value were given.</exception>
    public static SecretValue Read(string? fromFile, string? commandLine, Func<Stream> standardInput, TextWriter? prompt)
    {
        if (fromFile != null && commandLine != null) throw new InputException("Give the value one way: standard input, --from-file or --value.");
        if (fromFile is { } file) return FromFile(file);
        if (commandLine is { } inline)
        {
            var given = FromStream(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(inline)), "--value");
            return given with { Warnings = ["--value puts the secret in your shell history and the process list; prefer standard input or --from-file.", .. given.Warnings] };
        }
        prompt?.WriteLine("Type the value, then press Ctrl-D (it is not echoed to any log):");
        using var stdin = standardInput();
        return FromStream(stdin);
    }

    public static SecretValue FromStream(Stream input, string what = "standard input")
    {
        using var buffer = new MemoryStream();
        input.CopyTo(buffer);
        return Checked(buffer.ToArray(), what);
    }

    public static SecretValue FromFile(string path)
    {
        if (!File.Exists(path)) throw new SealingException($"{path}: file not found (--from-file).");
        return Checked(File.ReadAllBytes(path), path);
    }

    private static SecretValue Checked(byte[] bytes, string what)
    {
        if (bytes.Length == 0)
            throw new SealingException($"The value read from {what} is empty; nothing to seal.");
        var warnings = new List<string>();
        if (bytes[^1] == (byte)'\n')
            warnings.Add($"The value read from {what} ends with a newline, which will be part of the secret. " +
                         "If that is not intended, use 'printf %s' or 'echo -n' instead of 'echo'.");
        return new SecretValue(bytes, warnings);
    }
}
