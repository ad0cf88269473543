using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace GitOps.Build.Yaml;

/// <summary>A YAML text over one of <see cref="YamlLimits"/>: the file, the line and column where it crossed it, and which.</summary>
public sealed class YamlLimitException(string file, int line, int column, string problem) : Exception($"{file}:{line}:{column}: {problem}")
{
    public string File { get; } = file;
    public int Line { get; } = line;
    public int Column { get; } = column;
    /// <summary>What crossed which limit, and the fix, without the location.</summary>
    public string Problem { get; } = problem;
}

/// <summary>
/// The limits on any YAML the program reads, and the one way it reads YAML (<see cref="Load"/>,
/// <see cref="Parser"/>, <see cref="ReadFile"/>): a pull request's files are untrusted, and a few
/// hundred bytes of aliases (<c>&amp;a [x,x,x…]</c>, <c>&amp;b [*a,*a,*a…]</c>, …) expand to billions of
/// nodes when a document is turned into objects. The parser's events are counted as they are
/// read, before anything is built: every node, and for an alias the whole size of the node it
/// repeats, so an alias bomb is refused after reading its few lines, at the alias that crosses a
/// limit, with a <see cref="YamlLimitException"/> naming the file, the line and the limit (the
/// manifest reader reports it as YAML-PARSE). Not configurable by the repository (a pull request must not be able to raise them).
/// </summary>
public static class YamlLimits
{
    /// <summary>Nodes in one YAML text (all its documents), each alias counted as the nodes it repeats: bounds memory (~0.5 KB a node once read) well under 1 GiB.</summary>
    public const long MaxNodes = 1_000_000;

    /// <summary>Nodes that aliases add to one YAML text: anchors reuse a block a few times; this many is a bomb.</summary>
    public const long MaxAliasNodes = 100_000;

    /// <summary>Nesting of collections, aliases counted as the depth they repeat: deeper would exhaust the stack of the recursive readers.</summary>
    public const int MaxDepth = 500;

    /// <summary>The largest YAML file read (its text is held in memory while it is read).</summary>
    public const long MaxFileBytes = 64L * 1024 * 1024;

    /// <summary>The limits in words, as the rule table and messages show them.</summary>
    public static string Summary { get; } = string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"more than {MaxNodes:N0} nodes with aliases expanded, more than {MaxAliasNodes:N0} nodes added by aliases (an alias bomb), nesting deeper than {MaxDepth}, a file over {MaxFileBytes / (1024 * 1024)} MiB");

    /// <summary>The text of a YAML file, refused (YAML-PARSE) when it is larger than <see cref="MaxFileBytes"/>.</summary>
    public static string ReadFile(string path)
    {
        var length = new FileInfo(path).Length;
        if (length > MaxFileBytes)
            throw new YamlLimitException(path, 1, 1, $"the file is {length / (1024 * 1024)} MiB, over the {MaxFileBytes / (1024 * 1024)} MiB limit for a YAML file the suite reads; split it");
        return File.ReadAllText(path);
    }

    /// <summary>Refuses <paramref name="yaml"/> when it crosses a limit (parse errors are left to the reader that follows, which reports them as it always has).</summary>
    public static void Check(string yaml, string file)
    {
        var parser = Parser(yaml, file);
        try
        {
            while (parser.MoveNext()) { }
        }
        catch (YamlException) { }
        catch (InvalidOperationException) { } // YamlDotNet's scanner on some broken input
    }

    /// <summary>The representation model of <paramref name="yaml"/>, read through the counting parser.</summary>
    /// <param name="duplicates">
    /// Null: a mapping that holds a key twice is refused. Otherwise the key's last pair is kept, as
    /// Kubernetes, helm and Argo CD read it (<see cref="DuplicateKeys"/>), and each one left out is added here.
    /// </param>
    /// <exception cref="YamlLimitException">A limit is crossed.</exception>
    /// <exception cref="YamlException">Not valid YAML (as YamlStream reports it).</exception>
    public static YamlStream Load(string yaml, string file, ICollection<DuplicateKey>? duplicates = null)
    {
        var lastWins = false;
        for (var attempt = 0; ; attempt++)
        {
            var stream = new YamlStream();
            try
            {
                stream.Load(lastWins ? DuplicateKeys.LastWins(Parser(yaml, file), duplicates!) : Parser(yaml, file));
                return stream;
            }
            // YamlDotNet's refusal of a block scalar that opens with its indentation in spaces, which YAML allows.
            catch (SemanticErrorException e) when (attempt < 2 && e.Message.Contains(BlockScalarLines.Refusal, StringComparison.Ordinal) && BlockScalarLines.Blank(yaml) is { } blanked)
            {
                yaml = blanked;
            }
            catch (YamlException e) when (attempt < 2 && !lastWins && duplicates != null && e.Message.Contains(DuplicateKeys.Refusal, StringComparison.Ordinal))
            {
                lastWins = true;
            }
        }
    }

    /// <summary>YamlDotNet's parser over <paramref name="yaml"/>, throwing <see cref="YamlLimitException"/> at the event that crosses a limit.</summary>
    public static IParser Parser(string yaml, string file) => new CountingParser(new YamlDotNet.Core.Parser(new StringReader(yaml)), file);

    private sealed class CountingParser(IParser inner, string file) : IParser
    {
        /// <summary>An open collection: the node count when it started, the deepest nesting below it, its anchor.</summary>
        private sealed record Frame(long StartCount, string? Anchor)
        {
            public int DepthBelow { get; set; }
        }

        private readonly Stack<Frame> _open = new();
        private readonly Dictionary<string, (long Size, int Depth)> _anchors = new(StringComparer.Ordinal);
        private long _nodes;
        private long _aliasNodes;

        public ParsingEvent? Current => inner.Current;

        public bool MoveNext()
        {
            if (!inner.MoveNext()) return false;
            switch (inner.Current)
            {
                case DocumentStart:
                    _anchors.Clear(); // anchors are the document's own
                    break;
                case Scalar scalar:
                    Count(1, scalar);
                    Closed(scalar.Anchor, 1, 0);
                    break;
                case SequenceStart or MappingStart:
                    var start = (NodeEvent)inner.Current;
                    Count(1, start);
                    _open.Push(new Frame(_nodes - 1, start.Anchor.IsEmpty ? null : start.Anchor.Value));
                    if (_open.Count > MaxDepth) Refuse(start, $"nests collections deeper than {MaxDepth} levels");
                    break;
                case SequenceEnd or MappingEnd when _open.Count > 0:
                    var frame = _open.Pop();
                    var depth = frame.DepthBelow + 1;
                    if (frame.Anchor != null) _anchors[frame.Anchor] = (_nodes - frame.StartCount, depth);
                    if (_open.TryPeek(out var parent)) parent.DepthBelow = Math.Max(parent.DepthBelow, depth);
                    break;
                case AnchorAlias alias:
                    var name = alias.Value.Value;
                    if (_open.Any(f => f.Anchor == name)) Refuse(alias, $"alias *{name} repeats a node that holds it (a cycle)");
                    if (!_anchors.TryGetValue(name, out var anchored)) break; // an unknown alias: the reader reports it
                    _aliasNodes += anchored.Size;
                    Count(anchored.Size, alias);
                    if (_aliasNodes > MaxAliasNodes)
                        Refuse(alias, Invariant($"aliases expand to more than {MaxAliasNodes:N0} nodes (alias *{name} repeats {anchored.Size:N0}); an alias bomb? Write the values out, or reuse fewer"));
                    if (_open.Count + anchored.Depth > MaxDepth) Refuse(alias, $"alias *{name} nests collections deeper than {MaxDepth} levels");
                    if (_open.TryPeek(out var holder)) holder.DepthBelow = Math.Max(holder.DepthBelow, anchored.Depth);
                    break;
            }
            return true;
        }

        private void Count(long nodes, ParsingEvent at)
        {
            _nodes += nodes;
            if (_nodes > MaxNodes) Refuse(at, Invariant($"holds more than {MaxNodes:N0} nodes (aliases expanded), the limit for a YAML file the suite reads; split it"));
        }

        private void Closed(AnchorName anchor, long size, int depth)
        {
            if (!anchor.IsEmpty) _anchors[anchor.Value] = (size, depth);
        }

        private static string Invariant(FormattableString text) => FormattableString.Invariant(text);

        private void Refuse(ParsingEvent at, string problem) =>
            throw new YamlLimitException(file, (int)at.Start.Line, (int)at.Start.Column, problem);

        public void Dispose() { }
    }
}
