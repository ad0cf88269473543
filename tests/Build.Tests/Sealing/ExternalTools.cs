using System.Diagnostics;

namespace GitOps.Build.Tests.Sealing;

/// <summary>Runs node, npm and openssl for cross-checks: arguments as a list, secrets only through stdin or environment.</summary>
internal static class ExternalTools
{
    public static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
        .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Any(dir => File.Exists(Path.Combine(dir, tool)));

    public sealed record Result(int ExitCode, byte[] Stdout, string Stderr);

    public static Result Run(string tool, IEnumerable<string> arguments, byte[]? stdin = null,
        IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null, int timeoutSeconds = 180)
    {
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;

        using var process = Process.Start(start)!;
        var stdoutTask = Task.Run(() => { using var buffer = new MemoryStream(); process.StandardOutput.BaseStream.CopyTo(buffer); return buffer.ToArray(); });
        var stderrTask = process.StandardError.ReadToEndAsync();
        if (stdin is not null) process.StandardInput.BaseStream.Write(stdin);
        process.StandardInput.Close();
        if (!process.WaitForExit(timeoutSeconds * 1000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{tool} did not finish within {timeoutSeconds} s.");
        }
        return new Result(process.ExitCode, stdoutTask.Result, stderrTask.Result);
    }
}

/// <summary>A fact that is skipped, with the reason, when node or npm is not installed.</summary>
public sealed class NodeFactAttribute : FactAttribute
{
    public NodeFactAttribute()
    {
        if (!ExternalTools.OnPath("node") || !ExternalTools.OnPath("npm"))
            Skip = "node and npm are not on PATH: the cross-check against @linode/kubeseal-encrypt needs them.";
    }
}

/// <summary>A fact that is skipped, with the reason, when openssl is not installed.</summary>
public sealed class OpenSslFactAttribute : FactAttribute
{
    public OpenSslFactAttribute()
    {
        if (!ExternalTools.OnPath("openssl"))
            Skip = "openssl is not on PATH: the cross-check of the RSA-OAEP block needs it.";
    }
}
