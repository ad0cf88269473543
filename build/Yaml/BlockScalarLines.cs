using System.Text.RegularExpressions;

namespace GitOps.Build.Yaml;

/// <summary>
/// YamlDotNet refuses a literal block scalar whose indentation is left to be detected when its first
/// line holds only spaces ("found extra spaces in first line"), even as many spaces as the first line
/// with content, which the YAML specification allows (a leading empty line is a line break, and may
/// not hold more spaces than the first line with content). Helm output has this shape whenever a
/// template line inside <c>key: |-</c> renders to its indentation alone (<c>{{ range }}</c>, then
/// <c>nindent</c>); helm, kubectl and Argo CD read it. <see cref="Blank"/> empties such lines, which
/// changes no value and no line number.
/// </summary>
public static partial class BlockScalarLines
{
    /// <summary>The message of YamlDotNet's refusal.</summary>
    public const string Refusal = "found extra spaces in first line";

    // A line that opens a literal block scalar without an indentation indicator: "key: |", "- |-", "key: |+  # note".
    [GeneratedRegex(@"(^|[\s:-])\|[+-]?[ \t]*(#.*)?$")]
    private static partial Regex LiteralHeader();

    /// <summary>
    /// <paramref name="yaml"/> with the lines that hold only spaces at the start of each literal block
    /// scalar emptied, where they hold no more spaces than the block's first line with content (more
    /// is an error the specification keeps); null when there is none.
    /// </summary>
    public static string? Blank(string yaml)
    {
        var lines = yaml.Split('\n');
        var changed = false;
        for (var header = 0; header < lines.Length; header++)
        {
            if (!LiteralHeader().IsMatch(lines[header].TrimEnd('\r'))) continue;
            var first = header + 1;
            var content = first;
            while (content < lines.Length && IsBlank(lines[content])) content++;
            if (content == lines.Length || content == first) continue;
            var indent = lines[content].Length - lines[content].TrimStart(' ').Length;
            for (var i = first; i < content; i++)
            {
                var spaces = lines[i].TrimEnd('\r').Length;
                if (spaces == 0 || spaces > indent) continue;
                lines[i] = lines[i].EndsWith('\r') ? "\r" : "";
                changed = true;
            }
            header = content - 1;
        }
        return changed ? string.Join('\n', lines) : null;
    }

    private static bool IsBlank(string line) => line.TrimEnd('\r').All(c => c == ' ');
}
