using System.Diagnostics;

namespace GitOps.Build.Tools;

/// <summary>Graphviz's <c>dot</c> as found, and where (<c>configured</c> or <c>PATH</c>).</summary>
public sealed record GraphvizDot(string Path, string Origin);

/// <summary>
/// Graphviz's <c>dot</c>, which draws the map as SVG. Unlike helm and kubectl it is not pinned or
/// installed by the build (it is a distribution package, and the map is whole without it: map.md is
/// Mermaid); it is found the way they are found before any download: the configured path (--dot,
/// else the DOT variable), else PATH. Where it is not found the map says so and how to get it.
/// </summary>
public static class Graphviz
{
    public const string Variable = "DOT";

    /// <summary>What the note says when <c>dot</c> is not found.</summary>
    public const string HowToGet =
        "install Graphviz (apt-get install graphviz, dnf install graphviz, brew install graphviz, choco install graphviz), or pass --dot=<path> (or set DOT)";

    /// <summary>How long drawing may take before dot is stopped (a map of thousands of nodes takes seconds).</summary>
    public static readonly TimeSpan TimeLimit = TimeSpan.FromMinutes(2);

    /// <summary>The configured dot, else the one on PATH; null when there is none.</summary>
    /// <exception cref="ToolNotFoundException">A configured path that does not exist: a mistake to fix, not an absence to note.</exception>
    public static GraphvizDot? Find(string? configured, Func<string, string?> environment)
    {
        configured ??= environment(Variable) is { Length: > 0 } fromVariable ? fromVariable : null;
        if (configured is not null)
        {
            return File.Exists(configured) ? new GraphvizDot(configured, "configured")
                : throw new ToolNotFoundException($"dot: {configured} (from --dot or {Variable}) does not exist. Fix the path or unset it to use the dot on PATH.");
        }
        var executable = OperatingSystem.IsWindows() ? "dot.exe" : "dot";
        return ToolResolver.FindOnPath(executable, environment) is { } onPath ? new GraphvizDot(onPath, "PATH") : null;
    }

    /// <summary>
    /// DOT text drawn as SVG: the one place the build runs dot (standard input to standard output,
    /// arguments as a list). When the child-process runner (build/Tools/Processes) is on main, this
    /// call goes through it; nothing else changes.
    /// </summary>
    /// <exception cref="InvalidOperationException">dot failed or ran out of time; the message says which, with what it wrote.</exception>
    public static string Svg(GraphvizDot dot, string dotText, CancellationToken cancellationToken = default)
    {
        var start = new ProcessStartInfo(dot.Path)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add("-Tsvg");
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {dot.Path}");
        try
        {
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            try
            {
                process.StandardInput.Write(dotText);
                process.StandardInput.Close();
            }
            catch (IOException) { /* dot stopped reading: its exit code and what it wrote say why */ }
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(TimeLimit);
            try { process.WaitForExitAsync(limit.Token).GetAwaiter().GetResult(); }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new InvalidOperationException($"{dot.Path} -Tsvg did not finish within {TimeLimit.TotalMinutes:0} minutes; stopped.");
            }
            var svg = output.GetAwaiter().GetResult();
            return process.ExitCode == 0 && svg.Length > 0 ? svg
                : throw new InvalidOperationException($"{dot.Path} -Tsvg failed (exit {process.ExitCode}): {error.GetAwaiter().GetResult().Trim()}");
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
    }
}
