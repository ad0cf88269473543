namespace GitOps.Build.Primitives;

/// <summary>
/// What the process writes to: a person at a terminal (standard output not redirected), or a file or
/// pipe (a CI log, <c>| less</c>, <c>&gt; out.txt</c>). Escape codes (colour, cursor movement) go only to
/// a terminal, and colour only when NO_COLOR is unset or empty (see no-color.org), so nothing a run
/// writes to a file or pipe carries them.
/// </summary>
public sealed record Terminal(bool IsTerminal, bool Colour)
{
    /// <param name="environment">Reads an environment variable (NO_COLOR).</param>
    public static Terminal Of(bool outputRedirected, Func<string, string?> environment)
    {
        var terminal = !outputRedirected;
        return new Terminal(terminal, terminal && string.IsNullOrEmpty(environment("NO_COLOR")));
    }

    /// <summary>This process's standard output.</summary>
    public static Terminal Current => Of(Console.IsOutputRedirected, Environment.GetEnvironmentVariable);
}
