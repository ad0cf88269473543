using GitOps.Build.Hosting;

namespace GitOps.Build.Arguments.Settings;

/// <summary>Map: what it writes beside map.md, whether large ApplicationSets are folded, and which Graphviz dot draws the SVG.</summary>
public sealed class MapSettings : ICheckedSettings
{
    [Argument("format", "What Map writes beside artifacts/reports/map.md (Mermaid): mermaid (nothing), dot (map.dot), svg (map.dot and map.svg; fails without Graphviz dot).",
        Value = "format", Allowed = ["mermaid", "dot", "svg"], DefaultText = "map.dot, and map.svg when Graphviz dot is found (else map.md says how to get it)")]
    public string? Format { get; set; }

    /// <summary>--format as the map writer takes it (none given: <see cref="Reporting.MapFormat.Auto"/>).</summary>
    public Reporting.MapFormat Writes => Format switch
    {
        "mermaid" => Reporting.MapFormat.Mermaid,
        "dot" => Reporting.MapFormat.Dot,
        "svg" => Reporting.MapFormat.Svg,
        _ => Reporting.MapFormat.Auto,
    };

    [Argument("expand", "Draw every Application an ApplicationSet generates (otherwise one with more than 8 is one node with their count).")]
    public bool Expand { get; set; }

    [Argument("dot", "Graphviz's dot, which draws map.svg (also: DOT variable); otherwise the one on PATH.", Value = "path", Path = ArgumentPath.FromWorkingDirectory)]
    public string? Dot { get; set; }

    /// <summary>A --dot that does not exist is a mistake on the command line: refused before anything runs.</summary>
    public void Check(ArgumentBinder binder)
    {
        if (Dot is { } dot && !File.Exists(dot)) throw new UsageException($"--dot={dot} does not exist; give the path of Graphviz's dot, or leave --dot out to use the one on PATH.");
    }
}
