using YamlDotNet.Core;
using YamlDotNet.Core.Tokens;

namespace GitOps.Build.Yaml;

/// <summary>A scalar value of a document as <see cref="YamlBlockEditor"/> shows it to a rewrite: where it sits, what it says, its line (1-based).</summary>
public sealed record YamlValue(YamlPath Path, string Value, int Line);

/// <summary>
/// Structural edits of a YAML document written by people, as text: every scalar value rewritten in place
/// (and, when asked, the comments), an entry or a sequence item removed, an entry or an item copied beside the
/// original with its values rewritten, a scalar item inserted into a list. Everything not edited stays byte for
/// byte: comments, order, quoting, blank lines, line endings. What cannot be edited without changing the file's
/// layout (an entry that does not start its own line, flow collections where whole lines are taken, block scalars,
/// anchors on what is copied) is refused with the file, the line and why. Where <see cref="YamlScalarEditor"/> sets
/// one scalar at a dotted path, this works on whole entries; both read the text through <see cref="YamlSyntaxTree"/>.
/// </summary>
public static class YamlBlockEditor
{
    /// <summary>Every scalar value of the document (not keys; not the values of aliases), in document order.</summary>
    /// <remarks>In a file of several documents each document's paths start at its root (and the lines count from the file's start).</remarks>
    public static IReadOnlyList<YamlValue> Values(string text, string file)
    {
        var values = new List<YamlValue>();
        var starts = DocumentStarts(text, file);
        var bounds = starts.Skip(1).Append(text.Length).ToList();
        for (var i = 0; i < Math.Max(1, starts.Count); i++)
        {
            var from = i == 0 ? 0 : starts[i];
            var slice = starts.Count > 1 ? text[from..bounds[i]] : text;
            var lines = starts.Count > 1 ? text[..from].Count(c => c == '\n') : 0;
            if (YamlSyntaxTree.Parse(slice, file) is { } root)
                Walk(root, YamlPath.Root, (path, scalar) => values.Add(new(path, scalar.Value, (int)scalar.Start.Line + lines)));
        }
        return values;
    }

    /// <summary>True when the text holds more than one document (<c>---</c> between them).</summary>
    public static bool HasSeveralDocuments(string text, string file) => DocumentStarts(text, file).Count > 1;

    /// <summary>True when the document has a node at <paramref name="path"/>.</summary>
    public static bool Exists(string text, string file, YamlPath path) =>
        YamlSyntaxTree.Parse(text, file) is { } root && Find(root, path) is not null;

    /// <summary>
    /// The text with every scalar value under <paramref name="under"/> (the whole document when null) replaced by what
    /// <paramref name="value"/> returns for it (null: left as written), quoted as needed in the style it had; and, with
    /// <paramref name="comment"/>, every comment there (its text from '#') replaced by what that returns. Block scalars
    /// (<c>|</c>, <c>&gt;</c>) are left as written.
    /// </summary>
    public static string Rewrite(string text, string file, Func<YamlValue, string?> value, Func<string, string>? comment = null, YamlPath? under = null)
    {
        if (under is null && DocumentStarts(text, file) is { Count: > 1 } starts)
        {
            // A manifest file of several documents (--- between them): each rewritten on its own, paths within it.
            var bounds = starts.Skip(1).Append(text.Length).ToList();
            return string.Concat(starts.Select((start, i) => Rewrite(text[(i == 0 ? 0 : start)..bounds[i]], file, value, comment)));
        }
        var root = YamlSyntaxTree.Parse(text, file);
        if (root is null) return text;
        var scope = under is null ? root : Find(root, under)?.Node ?? throw new YamlEditException(file, 1, $"'{under}' does not exist.");
        var edits = new List<(int Start, int End, string Text)>();
        Walk(scope, under ?? YamlPath.Root, (path, scalar) =>
        {
            if (scalar.Style is ScalarStyle.Literal or ScalarStyle.Folded || scalar.HasTag) return;
            var replaced = value(new YamlValue(path, scalar.Value, (int)scalar.Start.Line));
            if (replaced is null || replaced == scalar.Value) return;
            // A number or a flag rewritten to another stays one (replicas: 2 -> 3, prune: false -> true); a string stays a string.
            var typed = scalar.Style == ScalarStyle.Plain && ScalarWriter.ReadsAsNonString(scalar.Value) && ScalarWriter.ReadsAsNonString(replaced);
            edits.Add(((int)scalar.Start.Index, (int)scalar.End.Index, typed ? replaced : ScalarWriter.Write(replaced, scalar.Style)));
        });
        if (comment is not null)
        {
            var (from, to) = under is null ? (0, text.Length) : (LineStart(text, (int)scope.Start.Index), ContentEnd(text, scope));
            foreach (var (start, end) in Comments(text, file).Where(c => c.Start >= from && c.End <= to))
            {
                var replaced = comment(text[start..end]);
                if (replaced != text[start..end]) edits.Add((start, end, replaced));
            }
        }
        foreach (var (start, end, replacement) in edits.OrderByDescending(e => e.Start))
            text = text[..start] + replacement + text[end..];
        return text;
    }

    /// <summary>
    /// The text without the mapping entry or the sequence item at <paramref name="path"/> (its whole lines). The last
    /// entry of a mapping leaves <c>{}</c> behind, the last item of a list <c>[]</c>, so the parent keeps its type.
    /// </summary>
    public static string Remove(string text, string file, YamlPath path)
    {
        if (path.Depth == 0) throw new ArgumentException("the document itself cannot be removed", nameof(path));
        var root = YamlSyntaxTree.Parse(text, file) ?? throw new YamlEditException(file, 1, $"'{path}' does not exist: the document is empty.");
        var parent = Find(root, path.Parent) ?? throw new YamlEditException(file, 1, $"'{path.Parent}' does not exist.");
        var (start, end) = WholeLines(text, file, root, path);
        var siblings = parent.Node switch
        {
            YamlSyntaxMapping m => m.Entries.Count,
            YamlSyntaxSequence s => s.Items.Count,
            _ => 0,
        };
        if (siblings > 1 || parent.Key is null) return text[..start] + text[end..];
        // The parent would be left empty, which YAML reads as null: write it as an empty mapping or list instead.
        var empty = parent.Node is YamlSyntaxMapping ? "{}" : "[]";
        var colon = ColonAfter(text, parent.Key);
        var before = text[..start] + text[end..];
        return before[..(colon + 1)] + " " + empty + before[(colon + 1)..];
    }

    /// <summary>
    /// The text with a copy of the block or flow sequence item at <paramref name="item"/> inserted so that it becomes item
    /// <paramref name="at"/> of the same sequence (0: before the first; default: after the last), its scalar values (and
    /// comments) rewritten; where the copy lands is returned in <paramref name="copy"/>.
    /// </summary>
    public static string CopyItem(string text, string file, YamlPath item, Func<YamlValue, string?> value, out YamlPath copy,
        int? at = null, Func<string, string>? comment = null)
    {
        if (item.Segments.LastOrDefault() is not int index) throw new ArgumentException($"'{item}' is not a sequence item", nameof(item));
        var root = YamlSyntaxTree.Parse(text, file) ?? throw new YamlEditException(file, 1, "the document is empty.");
        if (Find(root, item.Parent)?.Node is not YamlSyntaxSequence sequence || index >= sequence.Items.Count)
            throw new YamlEditException(file, 1, $"'{item}' does not exist.");
        var position = at ?? sequence.Items.Count;
        if (position < 0 || position > sequence.Items.Count) throw new ArgumentOutOfRangeException(nameof(at), position, $"'{item.Parent}' has {sequence.Items.Count} item(s)");
        // The copy goes in front of the item now at its place, or behind the last item when it becomes the last.
        var inFront = position < sequence.Items.Count;
        var source = sequence.Items[index];
        RefuseAnchors(file, source, item);
        string copied;
        if (IsFlow(text, sequence))
        {
            var written = text[(int)source.Start.Index..ContentEnd(text, source)];
            copied = inFront
                ? text[..(int)sequence.Items[position].Start.Index] + written + ", " + text[(int)sequence.Items[position].Start.Index..]
                : text[..(int)sequence.Items[^1].End.Index] + ", " + written + text[(int)sequence.Items[^1].End.Index..];
        }
        else
        {
            var (start, end) = WholeLines(text, file, root, item);
            var block = text[start..end];
            // The last line of the file had no line break: the copy needs one between it and what follows (or precedes) it.
            if (!block.EndsWith('\n')) block = inFront ? block + NewLine(text) : NewLine(text) + block;
            var where = inFront ? WholeLines(text, file, root, item.Parent.Index(position)).Start : WholeLines(text, file, root, item.Parent.Index(position - 1)).End;
            copied = text[..where] + block + text[where..];
        }
        copy = item.Parent.Index(position);
        return Rewrite(copied, file, value, comment, copy);
    }

    /// <summary>
    /// The text with a copy of the block mapping entry at <paramref name="entry"/> inserted right after it (right before it
    /// with <paramref name="inFront"/>) under the key <paramref name="newKey"/>, its scalar values (and comments) rewritten.
    /// </summary>
    public static string CopyEntry(string text, string file, YamlPath entry, string newKey, Func<YamlValue, string?> value, Func<string, string>? comment = null,
        bool inFront = false)
    {
        if (entry.Segments.LastOrDefault() is not string) throw new ArgumentException($"'{entry}' is not a mapping entry", nameof(entry));
        var root = YamlSyntaxTree.Parse(text, file) ?? throw new YamlEditException(file, 1, "the document is empty.");
        var found = Find(root, entry) ?? throw new YamlEditException(file, 1, $"'{entry}' does not exist.");
        if (Find(root, entry.Parent.Key(newKey)) is not null) throw new YamlEditException(file, (int)found.Key!.Start.Line, $"'{entry.Parent.Key(newKey)}' exists already.");
        RefuseAnchors(file, found.Node, entry);
        var (start, end) = WholeLines(text, file, root, entry);
        var block = text[start..end];
        var keyOffset = (int)found.Key!.Start.Index - start;
        var keyLength = (int)found.Key.End.Index - (int)found.Key.Start.Index;
        var renamed = block[..keyOffset] + ScalarWriter.Write(newKey, ScalarStyle.Plain) + block[(keyOffset + keyLength)..];
        if (!renamed.EndsWith('\n')) renamed = inFront ? renamed + NewLine(text) : NewLine(text) + renamed;
        var copied = inFront ? text[..start] + renamed + text[start..] : text[..end] + renamed + text[end..];
        return Rewrite(copied, file, value, comment, entry.Parent.Key(newKey));
    }

    /// <summary>
    /// The text with <paramref name="value"/> inserted into the scalar list at <paramref name="sequence"/> so that it becomes
    /// item <paramref name="at"/> (0: the first; the list's length: the last), written as its neighbour is.
    /// </summary>
    public static string InsertScalarItem(string text, string file, YamlPath sequence, int at, string value)
    {
        var root = YamlSyntaxTree.Parse(text, file) ?? throw new YamlEditException(file, 1, "the document is empty.");
        var neighbour = sequence.Index(Math.Max(at - 1, 0));
        if (Find(root, neighbour)?.Node is not YamlSyntaxScalar)
            throw new YamlEditException(file, 1, $"'{neighbour}' is not a single value of a list.");
        return CopyItem(text, file, neighbour, _ => value, out _, at);
    }

    /// <summary>
    /// The text with the flag at <paramref name="dottedPath"/> set to <paramref name="value"/> as a YAML boolean (not the
    /// string "true"), the entry and its missing parents inserted as <see cref="YamlScalarEditor.SetScalar"/> inserts them.
    /// </summary>
    public static string SetFlag(string text, string file, string dottedPath, bool value)
    {
        var flag = value ? "true" : "false";
        var current = YamlScalarEditor.GetScalar(text, dottedPath, file);
        if (current is not null) return Rewrite(text, file, v => Equals(v.Path, YamlPath.Of(dottedPath.Split('.'))) ? flag : null);
        return InsertBare(text, file, dottedPath, flag);
    }

    /// <summary>
    /// The text with a new entry at <paramref name="dottedPath"/> holding <paramref name="items"/> as a one-line list
    /// (<c>order: [dev, staging, prod]</c>), the entry and its missing parents inserted as <see cref="YamlScalarEditor.SetScalar"/> inserts them.
    /// </summary>
    /// <exception cref="YamlEditException">The entry exists already, or its place cannot be edited in place.</exception>
    public static string InsertFlowList(string text, string file, string dottedPath, IReadOnlyList<string> items)
    {
        if (Exists(text, file, YamlPath.Of(dottedPath.Split('.'))))
            throw new YamlEditException(file, 1, $"'{dottedPath}' exists already.");
        return InsertBare(text, file, dottedPath, "[" + string.Join(", ", items.Select(i => ScalarWriter.Write(i, ScalarStyle.Plain))) + "]");
    }

    /// <summary>
    /// A new entry whose value is written exactly as <paramref name="literal"/> says (a flag, a one-line list): SetScalar writes
    /// strings (quoting "true"), so it inserts a placeholder no file holds, which is then replaced by the literal.
    /// </summary>
    private static string InsertBare(string text, string file, string dottedPath, string literal)
    {
        const string placeholder = "gitops-build-literal-placeholder";
        var inserted = YamlScalarEditor.SetScalar(text, dottedPath, placeholder, file);
        var at = inserted.IndexOf(placeholder, StringComparison.Ordinal);
        return inserted[..at] + literal + inserted[(at + placeholder.Length)..];
    }

    /// <summary>Where each document of the text starts (its <c>---</c>, or its first content); one entry for a single document.</summary>
    private static List<int> DocumentStarts(string text, string file)
    {
        var starts = new List<int>();
        var parser = YamlLimits.Parser(text, file);
        try
        {
            while (parser.MoveNext())
                if (parser.Current is YamlDotNet.Core.Events.DocumentStart start) starts.Add((int)start.Start.Index);
        }
        catch (YamlException e)
        {
            throw new YamlEditException(file, (int)e.Start.Line, "not valid YAML: " + e.Message, e);
        }
        return starts;
    }

    // ---- reading --------------------------------------------------------------------------------

    private sealed record Located(YamlSyntaxNode Node, YamlSyntaxNode? Key);

    private static Located? Find(YamlSyntaxNode root, YamlPath path)
    {
        var found = new Located(root, null);
        foreach (var segment in path.Segments)
        {
            found = (segment, found.Node) switch
            {
                (string key, YamlSyntaxMapping map) => map.Entries.Where(e => e.Key is YamlSyntaxScalar k && k.Value == key)
                    .Select(e => new Located(e.Value, e.Key)).FirstOrDefault(),
                (int i, YamlSyntaxSequence seq) when i >= 0 && i < seq.Items.Count => new Located(seq.Items[i], null),
                _ => null,
            };
            if (found is null) return null;
        }
        return found;
    }

    private static void Walk(YamlSyntaxNode node, YamlPath path, Action<YamlPath, YamlSyntaxScalar> visit)
    {
        switch (node)
        {
            case YamlSyntaxScalar scalar when !YamlSyntaxTree.IsEmpty(scalar):
                visit(path, scalar);
                break;
            case YamlSyntaxMapping map:
                foreach (var (key, value) in map.Entries)
                    if (key is YamlSyntaxScalar k) Walk(value, path.Key(k.Value), visit);
                break;
            case YamlSyntaxSequence seq:
                for (var i = 0; i < seq.Items.Count; i++) Walk(seq.Items[i], path.Index(i), visit);
                break;
        }
    }

    /// <summary>The comments of the text, each from its '#' to the end of its line.</summary>
    private static List<(int Start, int End)> Comments(string text, string file)
    {
        var comments = new List<(int, int)>();
        try
        {
            var scanner = new Scanner(new StringReader(text), skipComments: false);
            while (scanner.MoveNext())
                if (scanner.Current is Comment c) comments.Add(((int)c.Start.Index, (int)c.End.Index));
        }
        catch (YamlException e)
        {
            throw new YamlEditException(file, (int)e.Start.Line, "not valid YAML: " + e.Message, e);
        }
        return comments;
    }

    /// <summary>
    /// The whole lines an entry or block item takes: from the start of its key's (or its dash's) line to the line break
    /// after its last content. Refused when something else shares those lines (a key after <c>- </c>, flow collections).
    /// </summary>
    private static (int Start, int End) WholeLines(string text, string file, YamlSyntaxNode root, YamlPath path)
    {
        var parent = Find(root, path.Parent)!.Node;
        var found = Find(root, path) ?? throw new YamlEditException(file, 1, $"'{path}' does not exist.");
        var first = found.Key ?? found.Node;
        var line = (int)first.Start.Line;
        if (parent is YamlSyntaxMapping { IsFlow: true } || parent is YamlSyntaxSequence s && IsFlow(text, s))
            throw new YamlEditException(file, line, $"'{path.Parent}' is written on one line ([...] or {{...}}); write it as an indented block so '{path}' can be edited.");
        var lineStart = LineStart(text, (int)first.Start.Index);
        var lead = text[lineStart..(int)first.Start.Index];
        var ownLine = found.Key is not null ? lead.Trim().Length == 0 : lead.Trim() == "-";
        if (!ownLine)
            throw new YamlEditException(file, line, $"'{path}' does not start a line of its own; edit it by hand.");
        if (found.Node is YamlSyntaxScalar { Style: ScalarStyle.Literal or ScalarStyle.Folded } block)
            return (lineStart, (int)block.End.Index); // a block scalar ends at the start of the line after its last
        return (lineStart, new TextLayout(text).StartOfNextLine(ContentEnd(text, found.Node)));
    }

    /// <summary>Where a node's written content ends (a block mapping's or list's last value, not the comments after it).</summary>
    private static int ContentEnd(string text, YamlSyntaxNode node) => node switch
    {
        YamlSyntaxMapping { IsFlow: true } map => (int)map.End.Index,
        YamlSyntaxMapping map => (int)map.ContentEnd.Index,
        YamlSyntaxSequence seq when IsFlow(text, seq) => (int)seq.End.Index,
        YamlSyntaxSequence seq => seq.Items.Count == 0 ? (int)seq.Start.Index : ContentEnd(text, seq.Items[^1]),
        _ => (int)node.End.Index,
    };

    private static bool IsFlow(string text, YamlSyntaxSequence sequence) =>
        sequence.Start.Index < text.Length && text[(int)sequence.Start.Index] == '[';

    private static int LineStart(string text, int index) => index == 0 ? 0 : text.LastIndexOf('\n', index - 1) + 1;

    private static int ColonAfter(string text, YamlSyntaxNode key) => text.IndexOf(':', (int)key.End.Index);

    private static string NewLine(string text) => new TextLayout(text).NewLine;

    private static void RefuseAnchors(string file, YamlSyntaxNode node, YamlPath path)
    {
        var pending = new Stack<YamlSyntaxNode>([node]);
        while (pending.TryPop(out var next))
        {
            if (next.Anchor is not null || next is YamlSyntaxAlias)
                throw new YamlEditException(file, (int)next.Start.Line, $"'{path}' holds an anchor or alias (& or *); a copy would share or duplicate it. Write it out in full first.");
            foreach (var child in next switch
                     {
                         YamlSyntaxMapping m => m.Entries.SelectMany(e => new[] { e.Key, e.Value }),
                         YamlSyntaxSequence s => s.Items,
                         _ => [],
                     }) pending.Push(child);
        }
    }
}
