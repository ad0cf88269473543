using YamlDotNet.Core;

namespace GitOps.Build.Yaml;

/// <summary>A scalar found at a dotted path, with where it is written (1-based line and column).</summary>
public sealed record YamlScalarAt(string Path, string Value, int Line, int Column, ScalarStyle Style)
{
    /// <summary>The 0-based document of the file (files of several documents, <c>---</c> between them); 0 for a values file.</summary>
    public int Document { get; init; }
}
