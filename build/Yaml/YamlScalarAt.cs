using YamlDotNet.Core;

namespace GitOps.Build.Yaml;

/// <summary>A scalar found at a dotted path, with where it is written (1-based line and column).</summary>
public sealed record YamlScalarAt(string Path, string Value, int Line, int Column, ScalarStyle Style);
