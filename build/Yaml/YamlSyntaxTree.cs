using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace GitOps.Build.Yaml;

/// <summary>
/// The nodes of one YAML document with the exact character offsets the parser reports, which is
/// all a surgical edit needs. Unlike YamlDotNet's representation model it keeps where every node
/// starts and ends, whether a mapping is block or flow, and anchors/aliases as they were written.
/// </summary>
internal abstract record YamlSyntaxNode(Mark Start, Mark End, string? Anchor);

internal sealed record YamlSyntaxScalar(Mark Start, Mark End, string? Anchor, string Value, ScalarStyle Style, bool HasTag)
    : YamlSyntaxNode(Start, End, Anchor);

internal sealed record YamlSyntaxAlias(Mark Start, Mark End, string Name) : YamlSyntaxNode(Start, End, null);

internal sealed record YamlSyntaxSequence(Mark Start, Mark End, string? Anchor, IReadOnlyList<YamlSyntaxNode> Items)
    : YamlSyntaxNode(Start, End, Anchor);

internal sealed record YamlSyntaxMapping(Mark Start, Mark End, string? Anchor, bool IsFlow,
    IReadOnlyList<KeyValuePair<YamlSyntaxNode, YamlSyntaxNode>> Entries)
    : YamlSyntaxNode(Start, End, Anchor)
{
    /// <summary>The furthest offset any scalar or alias inside this mapping reaches: where its written content ends,
    /// as opposed to <see cref="YamlSyntaxNode.End"/>, which for a block mapping can lie after following comments.</summary>
    public required Mark ContentEnd { get; init; }
}

internal static class YamlSyntaxTree
{
    /// <summary>Parses the single document of <paramref name="text"/>; null when the text holds no document at all.</summary>
    public static YamlSyntaxNode? Parse(string text, string fileName)
    {
        var documents = ParseDocuments(text, fileName, single: true);
        return documents.Count == 0 ? null : documents[0];
    }

    /// <summary>
    /// Every document of <paramref name="text"/> (a manifest file with <c>---</c> between objects), in order,
    /// their offsets into the whole text. With <paramref name="single"/>, a second document is an error.
    /// </summary>
    public static IReadOnlyList<YamlSyntaxNode> ParseDocuments(string text, string fileName, bool single = false)
    {
        var parser = YamlLimits.Parser(text, fileName);
        var documents = new List<YamlSyntaxNode>();
        try
        {
            parser.Consume<StreamStart>();
            while (!parser.TryConsume<StreamEnd>(out _))
            {
                if (single && documents.Count == 1)
                {
                    var line = parser.Current?.Start.Line ?? 1;
                    throw new YamlEditException(fileName, (int)line,
                        "more than one YAML document (---); a values file holds exactly one.");
                }
                parser.Consume<DocumentStart>();
                documents.Add(ReadNode(parser, out _));
                parser.Consume<DocumentEnd>();
            }
            return documents;
        }
        catch (YamlException e)
        {
            throw new YamlEditException(fileName, (int)e.Start.Line, "not valid YAML: " + e.Message, e);
        }
        catch (YamlLimitException e)
        {
            throw new YamlEditException(fileName, e.Line, e.Problem, e);
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet's scanner throws this (not a YamlException) on some broken input, e.g. an unclosed [ list.
            var line = parser.Current?.End.Line ?? 1;
            throw new YamlEditException(fileName, (int)line, "not valid YAML near here (an unclosed [ or { ?).", e);
        }
    }

    private static YamlSyntaxNode ReadNode(IParser parser, out Mark contentEnd)
    {
        switch (parser.Current)
        {
            case Scalar s:
                parser.MoveNext();
                contentEnd = s.End;
                return new YamlSyntaxScalar(s.Start, s.End, AnchorOf(s.Anchor), s.Value, s.Style, !s.Tag.IsEmpty && !s.Tag.IsNonSpecific);
            case AnchorAlias a:
                parser.MoveNext();
                contentEnd = a.End;
                return new YamlSyntaxAlias(a.Start, a.End, a.Value.Value);
            case SequenceStart seq:
            {
                parser.MoveNext();
                var items = new List<YamlSyntaxNode>();
                contentEnd = seq.End;
                while (!parser.Accept<SequenceEnd>(out _))
                {
                    items.Add(ReadNode(parser, out var itemEnd));
                    contentEnd = itemEnd;
                }
                var end = parser.Consume<SequenceEnd>();
                if (seq.Style == SequenceStyle.Flow) contentEnd = end.End;
                return new YamlSyntaxSequence(seq.Start, end.End, AnchorOf(seq.Anchor), items);
            }
            case MappingStart map:
            {
                parser.MoveNext();
                var entries = new List<KeyValuePair<YamlSyntaxNode, YamlSyntaxNode>>();
                contentEnd = map.End;
                while (!parser.Accept<MappingEnd>(out _))
                {
                    var key = ReadNode(parser, out var keyEnd);
                    var value = ReadNode(parser, out var valueEnd);
                    entries.Add(new(key, value));
                    // An empty value's marks point at whatever token follows it (often the next line),
                    // so the entry's written content ends with its key.
                    contentEnd = IsEmpty(value) ? keyEnd : valueEnd;
                }
                var end = parser.Consume<MappingEnd>();
                var isFlow = map.Style == MappingStyle.Flow;
                if (isFlow) contentEnd = end.End;
                // A flow mapping's end mark sits on its closing brace; End of the node is just past it.
                var nodeEnd = isFlow ? new Mark(end.End.Index + 1, end.End.Line, end.End.Column + 1) : end.End;
                return new YamlSyntaxMapping(map.Start, nodeEnd, AnchorOf(map.Anchor), isFlow, entries) { ContentEnd = contentEnd };
            }
            default:
                throw new InvalidOperationException($"Unexpected YAML event {parser.Current}.");
        }
    }

    /// <summary>A value written as nothing at all (<c>key:</c>), which the parser reports as a zero-length plain scalar.</summary>
    public static bool IsEmpty(YamlSyntaxNode node) =>
        node is YamlSyntaxScalar { Style: ScalarStyle.Plain, Value.Length: 0, HasTag: false };

    private static string? AnchorOf(YamlDotNet.Core.AnchorName anchor) => anchor.IsEmpty ? null : anchor.Value;
}
