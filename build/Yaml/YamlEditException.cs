namespace GitOps.Build.Yaml;

/// <summary>
/// A values file could not be read or edited as asked. The message always starts with
/// <c>file:line:</c> so a terminal or CI annotation can jump straight to the spot.
/// </summary>
public sealed class YamlEditException : Exception
{
    public YamlEditException(string file, int line, string problem, Exception? inner = null)
        : base($"{file}:{line}: {problem}", inner)
    {
        File = file;
        Line = line;
    }

    /// <summary>The file as the user named it.</summary>
    public string File { get; }

    /// <summary>1-based line of the problem.</summary>
    public int Line { get; }
}
