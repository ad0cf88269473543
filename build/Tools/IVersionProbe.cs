using System.Diagnostics;
using System.Text.RegularExpressions;

namespace GitOps.Build.Tools;

/// <summary>Asks a binary which version it is.</summary>
public interface IVersionProbe
{
    Task<string?> VersionAsync(ToolSpec spec, string path, CancellationToken cancellationToken);
}

/// <summary>Runs <c>helm version</c> / <c>kubectl version --client</c> and reads the vX.Y.Z it prints.</summary>
public sealed partial class ProcessVersionProbe : IVersionProbe
{
    [GeneratedRegex(@"v\d+\.\d+\.\d+")]
    private static partial Regex VersionPattern();

    public async Task<string?> VersionAsync(ToolSpec spec, string path, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(path) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("version");
        if (spec.Name == "kubectl") start.ArgumentList.Add("--client");
        else { start.ArgumentList.Add("--template"); start.ArgumentList.Add("{{.Version}}"); }
        try
        {
            using var process = Process.Start(start);
            if (process == null) return null;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(20));
            var output = await process.StandardOutput.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
            var match = VersionPattern().Match(output);
            return match.Success ? match.Value : null;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or OperationCanceledException)
        {
            return null;
        }
    }
}
