using System.Text;
using YamlDotNet.Core;

namespace GitOps.Build.Yaml;

/// <summary>
/// Reads and sets one scalar at a dotted path (<c>image.tag</c>, <c>secrets.data.DB_PASSWORD</c>) in a
/// values file written by people. A segment may end with a 0-based sequence index, <c>images[1].newTag</c>:
/// the item at that position of the block or flow sequence under the key (only an existing item is
/// addressed; a missing key on the way to an index, or an index past the end, is not created). Only the bytes of that scalar change; a missing key (and missing
/// parent maps) is inserted at the end of its parent mapping at the file's indentation. Comments,
/// order, quoting, blank lines, line endings and the trailing newline are kept.
/// Anchors, aliases and non-empty flow mappings on the path are refused: editing them in place
/// would change other keys or the file's layout.
/// </summary>
public static class YamlScalarEditor
{
    /// <summary>The scalar at <paramref name="dottedPath"/>, or null when a key on the path is missing or empty.</summary>
    /// <exception cref="YamlEditException">The path runs through an alias, a scalar or a sequence, or ends at a non-scalar.</exception>
    /// <param name="document">The 0-based document of a stream of several (<c>---</c>); null: the text holds one document at most.</param>
    public static YamlScalarAt? GetScalar(string text, string dottedPath, string fileName, int? document = null)
    {
        var keys = SplitPath(dottedPath);
        var node = Document(text, fileName, document);
        for (var i = 0; i < keys.Length; i++)
        {
            if (node is null || IsNullScalar(node)) return null;
            var where = PathSoFar(keys, i);
            if (node is YamlSyntaxAlias alias) throw AliasOnPath(fileName, alias, where);
            if (node is not YamlSyntaxMapping map) throw NotAMapping(fileName, node, where, keys[i]);
            node = FindEntry(map, KeyOf(keys[i]), fileName)?.Value;
            if (IndexOf(keys[i]) is not { } index || node is null || IsNullScalar(node)) continue;
            node = Item(fileName, node, index, PathSoFar(keys, i + 1));
        }
        return node switch
        {
            null => null,
            YamlSyntaxScalar s when YamlSyntaxTree.IsEmpty(s) => null,
            YamlSyntaxScalar s => new YamlScalarAt(dottedPath, s.Value, (int)s.Start.Line, (int)s.Start.Column, s.Style) { Document = document ?? 0 },
            YamlSyntaxAlias a => throw AliasOnPath(fileName, a, dottedPath),
            _ => throw new YamlEditException(fileName, (int)node.Start.Line, $"'{dottedPath}' is a {Kind(node)}, not a single value."),
        };
    }

    /// <summary>Returns <paramref name="text"/> with the scalar at <paramref name="dottedPath"/> set to <paramref name="value"/>.</summary>
    /// <exception cref="YamlEditException">The path cannot be edited in place; the message names the line and why.</exception>
    /// <param name="document">The 0-based document of a stream of several (<c>---</c>); null: the text holds one document at most.</param>
    public static string SetScalar(string text, string dottedPath, string value, string fileName, int? document = null)
    {
        var keys = SplitPath(dottedPath);
        var layout = new TextLayout(text);
        var root = Document(text, fileName, document);
        if (root is null || IsNullScalar(root))
        {
            if (document is > 0)
                throw new YamlEditException(fileName, 1, $"document {document + 1} is empty; write '{dottedPath}' into it by hand.");
            return AppendToEmptyDocument(text, layout, keys, value);
        }

        var node = root;
        YamlSyntaxNode? ownerKey = null; // the key whose value `node` is (null for the document root)
        var indentUnit = IndentUnit(root, layout);
        for (var i = 0; i < keys.Length; i++)
        {
            var where = PathSoFar(keys, i);
            RefuseSharedNode(fileName, node, where);
            if (IsNullScalar(node))
                return InsertUnderEmptyKey(text, layout, ownerKey!, (YamlSyntaxScalar)node, keys[i..], value, indentUnit);
            if (node is not YamlSyntaxMapping map) throw NotAMapping(fileName, node, where, keys[i]);
            if (map.IsFlow)
            {
                if (map.Entries.Count == 0 && ownerKey is not null)
                    return InsertUnderEmptyFlowMap(text, layout, ownerKey, map, keys[i..], value, indentUnit);
                throw new YamlEditException(fileName, (int)map.Start.Line,
                    $"'{where}' is written as a flow mapping {{...}}; rewrite it as an indented block mapping so it can be edited in place.");
            }

            var entry = FindEntry(map, KeyOf(keys[i]), fileName);
            if (entry is null)
            {
                if (keys[i..].Any(k => IndexOf(k) is not null))
                    throw new YamlEditException(fileName, (int)map.Start.Line,
                        $"'{PathSoFar(keys, i + 1)}' does not exist; a sequence item is only edited, never created. Add it by hand.");
                return InsertIntoBlockMapping(text, layout, map, keys[i..], value, indentUnit);
            }
            ownerKey = entry.Value.Key;
            node = entry.Value.Value;
            if (IndexOf(keys[i]) is { } index)
            {
                var itemPath = PathSoFar(keys, i + 1);
                RefuseSharedNode(fileName, node, KeyOf(keys[i]));
                node = Item(fileName, node, index, itemPath)
                    ?? throw new YamlEditException(fileName, (int)node.Start.Line, $"'{itemPath}' does not exist: the sequence has {((YamlSyntaxSequence)node).Items.Count} items.");
                if (node is YamlSyntaxScalar item && (YamlSyntaxTree.IsEmpty(item) || IsNullScalar(item)))
                    throw new YamlEditException(fileName, (int)item.Start.Line, $"'{itemPath}' is an empty sequence item; write its value by hand first.");
                // A scalar item has no key: it is replaced in place (never empty here), which needs no owner key.
                ownerKey = node;
            }
        }
        return ReplaceScalar(text, fileName, dottedPath, ownerKey!, node, value);
    }

    /// <summary>
    /// Every scalar value of every document, with the dotted path that <see cref="GetScalar"/> and <see cref="SetScalar"/>
    /// take (<see cref="YamlScalarAt.Document"/> says which document). Values under a key a dotted path cannot
    /// spell (one holding '.', '[' or ']', or a key that is not a plain string) and alias nodes are left out.
    /// </summary>
    public static IEnumerable<YamlScalarAt> Scalars(string text, string fileName)
    {
        var documents = YamlSyntaxTree.ParseDocuments(text, fileName);
        for (var d = 0; d < documents.Count; d++)
        {
            foreach (var scalar in ScalarsUnder(documents[d], "", d)) yield return scalar;
        }
    }

    private static IEnumerable<YamlScalarAt> ScalarsUnder(YamlSyntaxNode node, string path, int document)
    {
        switch (node)
        {
            case YamlSyntaxScalar s when path.Length > 0 && !YamlSyntaxTree.IsEmpty(s):
                yield return new YamlScalarAt(path, s.Value, (int)s.Start.Line, (int)s.Start.Column, s.Style) { Document = document };
                break;
            case YamlSyntaxMapping map:
                foreach (var (key, value) in map.Entries)
                {
                    if (key is not YamlSyntaxScalar { Value: var name } || name.Length == 0 || name.IndexOfAny(['.', '[', ']']) >= 0) continue;
                    foreach (var inner in ScalarsUnder(value, path.Length == 0 ? name : $"{path}.{name}", document)) yield return inner;
                }
                break;
            case YamlSyntaxSequence sequence when path.Length > 0:
                for (var i = 0; i < sequence.Items.Count; i++)
                {
                    if (sequence.Items[i] is YamlSyntaxSequence) continue; // a path has one index per key
                    foreach (var inner in ScalarsUnder(sequence.Items[i], $"{path}[{i}]", document)) yield return inner;
                }
                break;
        }
    }

    private static YamlSyntaxNode? Document(string text, string fileName, int? document)
    {
        if (document is not { } index) return YamlSyntaxTree.Parse(text, fileName);
        var documents = YamlSyntaxTree.ParseDocuments(text, fileName);
        return index < documents.Count ? documents[index]
            : throw new YamlEditException(fileName, 1, $"has {documents.Count} YAML document(s); there is no document {index + 1} to edit.");
    }

    private static string ReplaceScalar(string text, string fileName, string path, YamlSyntaxNode key, YamlSyntaxNode node, string value)
    {
        RefuseSharedNode(fileName, node, path);
        if (node is not YamlSyntaxScalar scalar)
            throw new YamlEditException(fileName, (int)node.Start.Line, $"'{path}' is a {Kind(node)}, not a single value; it cannot be set to a string.");
        if (scalar.HasTag)
            throw new YamlEditException(fileName, (int)scalar.Start.Line, $"'{path}' carries an explicit tag (!!...); remove the tag or edit the value by hand.");
        if (scalar.Style is ScalarStyle.Literal or ScalarStyle.Folded)
            throw new YamlEditException(fileName, (int)scalar.Start.Line, $"'{path}' is a block scalar (| or >); write it as a one-line value first.");

        if (YamlSyntaxTree.IsEmpty(scalar))
        {
            var colon = ColonAfter(text, key);
            return text[..(colon + 1)] + " " + ScalarWriter.Write(value, ScalarStyle.Plain) + text[(colon + 1)..];
        }
        var start = (int)scalar.Start.Index;
        var end = (int)scalar.End.Index;
        var written = ScalarWriter.Write(value, scalar.Style);
        return text.AsSpan(start, end - start).SequenceEqual(written) ? text : text[..start] + written + text[end..];
    }

    // ---- insertion -------------------------------------------------------------------------

    private static string InsertIntoBlockMapping(string text, TextLayout layout, YamlSyntaxMapping map, string[] keys, string value, int indentUnit)
    {
        var indent = layout.ColumnOf((int)map.Entries[0].Key.Start.Index);
        var at = layout.StartOfNextLine((int)map.ContentEnd.Index);
        return InsertLines(text, layout, at, NewEntryLines(keys, value, indent, indentUnit));
    }

    /// <summary><c>data: {}</c> becomes <c>data:</c> followed by the new block entries.</summary>
    private static string InsertUnderEmptyFlowMap(string text, TextLayout layout, YamlSyntaxNode ownerKey, YamlSyntaxMapping map,
        string[] keys, string value, int indentUnit)
    {
        var keyIndent = layout.ColumnOf((int)ownerKey.Start.Index);
        var colon = ColonAfter(text, ownerKey);
        var withoutBraces = text[..(colon + 1)] + text[(int)map.End.Index..];
        var layoutAfter = new TextLayout(withoutBraces);
        var at = layoutAfter.StartOfNextLine(colon + 1);
        return InsertLines(withoutBraces, layoutAfter, at, NewEntryLines(keys, value, keyIndent + indentUnit, indentUnit));
    }

    /// <summary>
    /// <c>data:</c> (or <c>data: ~</c>) with nothing but comments under it: the new entries go after
    /// those indented comments, at their indentation, so a commented-out example stays above them.
    /// </summary>
    private static string InsertUnderEmptyKey(string text, TextLayout layout, YamlSyntaxNode ownerKey, YamlSyntaxScalar empty,
        string[] keys, string value, int indentUnit)
    {
        var keyIndent = layout.ColumnOf((int)ownerKey.Start.Index);
        var colon = ColonAfter(text, ownerKey);
        if (!YamlSyntaxTree.IsEmpty(empty)) // `~` or `null`: drop the token, keep any comment after it
        {
            text = text[..(colon + 1)] + text[(int)empty.End.Index..];
            layout = new TextLayout(text);
        }
        var at = layout.StartOfNextLine(colon + 1);
        var childIndent = keyIndent + indentUnit;
        var firstComment = true;
        for (var line = at; line < text.Length;)
        {
            var next = layout.LineAfter(line);
            var content = text[line..next].TrimEnd('\r', '\n');
            var trimmed = content.TrimStart(' ');
            var lineIndent = content.Length - trimmed.Length;
            if (trimmed.Length == 0) { line = next; continue; }
            if (!trimmed.StartsWith('#') || lineIndent <= keyIndent) break;
            if (firstComment) { childIndent = lineIndent; firstComment = false; }
            at = next;
            line = next;
        }
        return InsertLines(text, layout, at, NewEntryLines(keys, value, childIndent, indentUnit));
    }

    private static string AppendToEmptyDocument(string text, TextLayout layout, string[] keys, string value) =>
        InsertLines(text, layout, text.Length, NewEntryLines(keys, value, 0, 2));

    private static string InsertLines(string text, TextLayout layout, int at, IReadOnlyList<string> lines)
    {
        var nl = layout.NewLine;
        var block = new StringBuilder();
        var atEndWithoutNewline = at == text.Length && text.Length > 0 && text[^1] != '\n';
        if (atEndWithoutNewline)
        {
            // Keep the file's choice of no trailing newline: break the last line, add ours, end without one.
            foreach (var line in lines) block.Append(nl).Append(line);
        }
        else
        {
            foreach (var line in lines) block.Append(line).Append(nl);
        }
        return text[..at] + block + text[at..];
    }

    private static List<string> NewEntryLines(string[] keys, string value, int indent, int indentUnit)
    {
        var lines = new List<string>();
        for (var i = 0; i < keys.Length; i++)
        {
            var pad = new string(' ', indent + i * indentUnit);
            var key = ScalarWriter.CanBePlain(keys[i]) ? keys[i] : ScalarWriter.Write(keys[i], ScalarStyle.DoubleQuoted);
            lines.Add(i == keys.Length - 1
                ? $"{pad}{key}: {ScalarWriter.Write(value, ScalarStyle.Plain)}"
                : $"{pad}{key}:");
        }
        return lines;
    }

    // ---- path walking ------------------------------------------------------------------------

    private static KeyValuePair<YamlSyntaxNode, YamlSyntaxNode>? FindEntry(YamlSyntaxMapping map, string key, string fileName)
    {
        KeyValuePair<YamlSyntaxNode, YamlSyntaxNode>? found = null;
        foreach (var entry in map.Entries)
        {
            if (entry.Key is YamlSyntaxScalar { Value: "<<" } && entry.Value is YamlSyntaxAlias or YamlSyntaxSequence)
                throw new YamlEditException(fileName, (int)entry.Key.Start.Line,
                    "a merge key (<<: *anchor) sits on the path; the value may come from elsewhere, so edit this file by hand.");
            if (entry.Key is not YamlSyntaxScalar k || k.Value != key) continue;
            if (found is not null)
                throw new YamlEditException(fileName, (int)k.Start.Line,
                    $"key '{key}' appears twice in the same mapping (first on line {found.Value.Key.Start.Line}); remove one.");
            found = entry;
        }
        return found;
    }

    /// <summary>The item at <paramref name="index"/> of the sequence <paramref name="node"/>, or null past its end.</summary>
    private static YamlSyntaxNode? Item(string fileName, YamlSyntaxNode node, int index, string where)
    {
        if (node is YamlSyntaxAlias alias) throw AliasOnPath(fileName, alias, where);
        if (node is not YamlSyntaxSequence sequence)
            throw new YamlEditException(fileName, (int)node.Start.Line, $"'{where}' asks for a sequence item, but the value is a {Kind(node)}.");
        return index < sequence.Items.Count ? sequence.Items[index] : null;
    }

    /// <summary>The mapping key of a path segment: <c>images</c> of <c>images[2]</c>.</summary>
    private static string KeyOf(string segment) => IndexOf(segment) is null ? segment : segment[..segment.LastIndexOf('[')];

    /// <summary>The sequence index a segment ends with (<c>images[2]</c> → 2), or null when it names a key only.</summary>
    private static int? IndexOf(string segment)
    {
        if (!segment.EndsWith(']')) return null;
        var open = segment.LastIndexOf('[');
        return open > 0 && int.TryParse(segment.AsSpan(open + 1, segment.Length - open - 2), System.Globalization.NumberStyles.None,
            System.Globalization.CultureInfo.InvariantCulture, out var index) ? index : null;
    }

    private static void RefuseSharedNode(string fileName, YamlSyntaxNode node, string where)
    {
        if (node is YamlSyntaxAlias alias) throw AliasOnPath(fileName, alias, where);
        if (node.Anchor is not null)
            throw new YamlEditException(fileName, (int)node.Start.Line,
                $"'{where}' carries the anchor &{node.Anchor}; other keys may alias it, so an in-place edit would change them too. Edit this file by hand.");
    }

    private static YamlEditException AliasOnPath(string fileName, YamlSyntaxAlias alias, string where) =>
        new(fileName, (int)alias.Start.Line,
            $"'{where}' is the alias *{alias.Name}; editing it would change the anchored value it shares. Write the value out in full first.");

    private static YamlEditException NotAMapping(string fileName, YamlSyntaxNode node, string where, string nextKey) =>
        new(fileName, (int)node.Start.Line,
            $"'{(where.Length == 0 ? "(document)" : where)}' is a {Kind(node)}, so it cannot hold the key '{nextKey}'.");

    private static string Kind(YamlSyntaxNode node) => node switch
    {
        YamlSyntaxMapping => "mapping",
        YamlSyntaxSequence => "sequence",
        YamlSyntaxAlias => "alias",
        YamlSyntaxScalar s => $"scalar ('{Shorten(s.Value)}')",
        _ => "node",
    };

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..37] + "...";

    private static bool IsNullScalar(YamlSyntaxNode node) =>
        node is YamlSyntaxScalar { Style: ScalarStyle.Plain, HasTag: false, Anchor: null } s
        && Yaml.YamlScalars.IsNullText(s.Value);

    private static string[] SplitPath(string dottedPath)
    {
        var keys = dottedPath.Split('.');
        if (keys.Any(k => k.Length == 0))
            throw new ArgumentException($"'{dottedPath}' is not a dotted path like image.tag.", nameof(dottedPath));
        return keys;
    }

    private static string PathSoFar(string[] keys, int count) => string.Join('.', keys[..count]);

    private static int ColonAfter(string text, YamlSyntaxNode key)
    {
        var colon = text.IndexOf(':', (int)key.End.Index);
        if (colon < 0) throw new InvalidOperationException("A mapping key without ':' after it.");
        return colon;
    }

    /// <summary>The indentation step the file uses (the first nested block mapping's), 2 when none is nested.</summary>
    private static int IndentUnit(YamlSyntaxNode root, TextLayout layout)
    {
        var pending = new Stack<YamlSyntaxNode>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            if (pending.Pop() is not YamlSyntaxMapping { IsFlow: false } map) continue;
            foreach (var (key, value) in map.Entries)
            {
                if (value is YamlSyntaxMapping { IsFlow: false, Entries.Count: > 0 } child)
                {
                    var step = layout.ColumnOf((int)child.Entries[0].Key.Start.Index) - layout.ColumnOf((int)key.Start.Index);
                    if (step > 0) return step;
                }
                pending.Push(value);
            }
        }
        return 2;
    }
}
