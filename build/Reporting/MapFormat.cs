namespace GitOps.Build.Reporting;

/// <summary>What the Map target writes beside map.md (which it always writes).</summary>
public enum MapFormat
{
    /// <summary>map.dot, and map.svg when Graphviz dot is found (else map.md says how to get it).</summary>
    Auto,
    /// <summary>map.md only.</summary>
    Mermaid,
    /// <summary>map.dot, for any Graphviz.</summary>
    Dot,
    /// <summary>map.dot and map.svg; without dot the run fails.</summary>
    Svg,
}
