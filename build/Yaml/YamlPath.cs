namespace GitOps.Build.Yaml;

/// <summary>
/// Where a node sits in a YAML document: mapping keys and 0-based sequence positions from the root.
/// Unlike a dotted path it can name keys that hold dots (<c>app.kubernetes.io/name</c>).
/// Shown as <c>metadata.labels["app.kubernetes.io/name"]</c>, <c>spec.generators[0].list.elements[2]</c>.
/// </summary>
public sealed class YamlPath : IEquatable<YamlPath>
{
    private readonly object[] _segments;

    private YamlPath(object[] segments) => _segments = segments;

    public static YamlPath Root { get; } = new([]);

    /// <summary>Keys (strings) and positions (ints), from the root.</summary>
    public IReadOnlyList<object> Segments => _segments;

    public int Depth => _segments.Length;

    /// <summary>A path of keys only: <c>Of("spec", "source", "path")</c>.</summary>
    public static YamlPath Of(params object[] segments) =>
        segments.All(s => s is string or int) ? new([.. segments]) : throw new ArgumentException("a YAML path holds keys (string) and positions (int)");

    public YamlPath Key(string key) => new([.. _segments, key]);

    public YamlPath Index(int index) => new([.. _segments, index]);

    public YamlPath Parent => _segments.Length == 0 ? this : new(_segments[..^1]);

    /// <summary>The first <paramref name="count"/> segments.</summary>
    public YamlPath Take(int count) => new(_segments[..Math.Min(count, _segments.Length)]);

    /// <summary>The last key on the path (a sequence item's key is the key of its sequence); null at the root.</summary>
    public string? LastKey => _segments.OfType<string>().LastOrDefault();

    public IEnumerable<string> Keys => _segments.OfType<string>();

    /// <summary>True when <paramref name="other"/> is this path or lies under it.</summary>
    public bool Contains(YamlPath other) =>
        other._segments.Length >= _segments.Length && _segments.Zip(other._segments).All(p => Equals(p.First, p.Second));

    public override string ToString()
    {
        if (_segments.Length == 0) return "(document)";
        var text = new System.Text.StringBuilder();
        foreach (var segment in _segments)
        {
            if (segment is int i) text.Append('[').Append(i).Append(']');
            else if (segment is string key && (key.Contains('.') || key.Contains('[') || key.Length == 0)) text.Append("[\"").Append(key).Append("\"]");
            else text.Append(text.Length == 0 ? "" : ".").Append(segment);
        }
        return text.ToString();
    }

    public bool Equals(YamlPath? other) => other is not null && _segments.SequenceEqual(other._segments);

    public override bool Equals(object? obj) => Equals(obj as YamlPath);

    public override int GetHashCode() => _segments.Aggregate(17, (h, s) => h * 31 + s.GetHashCode());
}
