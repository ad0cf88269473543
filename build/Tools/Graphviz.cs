using GitOps.Build.Tools.Processes;

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
    /// DOT text drawn as SVG (standard input to standard output), through the run's child-process
    /// runner: its time limit (--tool-timeout) and interrupt apply as to helm and kubectl.
    /// </summary>
    /// <exception cref="InvalidOperationException">dot failed; the message says how, with what it wrote.</exception>
    /// <exception cref="ToolTimeoutException">dot ran longer than the runner's limit (and was stopped).</exception>
    public static string Svg(ChildProcessRunner runner, GraphvizDot dot, string dotText, CancellationToken cancellationToken = default)
    {
        var result = runner.Run(new ProcessRequest(dot.Path, ["-Tsvg"]) { StandardInput = dotText }, cancellationToken);
        return result.Succeeded && result.Output.Length > 0 ? result.Output
            : throw new InvalidOperationException($"{dot.Path} -Tsvg failed (exit {result.ExitCode}): {result.Error.Trim()}");
    }
}
