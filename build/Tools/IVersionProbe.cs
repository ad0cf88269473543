using System.Text.RegularExpressions;
using GitOps.Build.Tools.Processes;

namespace GitOps.Build.Tools;

/// <summary>Asks a binary which version it is.</summary>
public interface IVersionProbe
{
    Task<string?> VersionAsync(ToolSpec spec, string path, CancellationToken cancellationToken);
}

/// <summary>Runs <c>helm version</c> / <c>kubectl version --client</c> and reads the vX.Y.Z it prints.</summary>
public sealed partial class ProcessVersionProbe(ChildProcessRunner? runner = null) : IVersionProbe
{
    /// <summary>A version answers at once; one that does not is no version (and the binary is not used).</summary>
    public static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(20);

    [GeneratedRegex(@"v\d+\.\d+\.\d+")]
    private static partial Regex VersionPattern();

    public async Task<string?> VersionAsync(ToolSpec spec, string path, CancellationToken cancellationToken)
    {
        string[] arguments = spec.Name == "kubectl" ? ["version", "--client"] : ["version", "--template", "{{.Version}}"];
        try
        {
            var result = await (runner ?? ChildProcessRunner.Default).RunAsync(new ProcessRequest(path, arguments) { TimeLimit = TimeLimit }, cancellationToken);
            var match = VersionPattern().Match(result.Output);
            return match.Success ? match.Value : null;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or ToolTimeoutException)
        {
            return null;
        }
    }
}
