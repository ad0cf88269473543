using System.Text;
using DiffPlex;

namespace GitOps.Build.Changes;

/// <summary>A unified diff (like <c>diff -u</c>) of two texts, for showing what a promotion changes.</summary>
public static class UnifiedDiff
{
    /// <summary>The diff with <paramref name="context"/> unchanged lines around each change; empty when the texts are equal.</summary>
    public static string Format(string before, string after, string beforeLabel, string afterLabel, int context = 3)
    {
        // Line endings are not what a reviewer looks at; CRLF files would otherwise show '\r' noise.
        before = before.Replace("\r\n", "\n");
        after = after.Replace("\r\n", "\n");
        var result = Differ.Instance.CreateLineDiffs(before, after, ignoreWhitespace: false);
        if (result.DiffBlocks.Count == 0) return "";

        var (oldLines, newLines, blocks) = (result.PiecesOld, result.PiecesNew, result.DiffBlocks);
        // A final line break makes the splitter report one empty last line; it is not a line of the file.
        var oldLineCount = before.EndsWith('\n') && oldLines.Count > 0 && oldLines[^1].Length == 0 ? oldLines.Count - 1 : oldLines.Count;
        var output = new StringBuilder().Append("--- ").Append(beforeLabel).Append('\n').Append("+++ ").Append(afterLabel).Append('\n');
        var i = 0;
        while (i < blocks.Count)
        {
            // Blocks closer than two contexts apart share one hunk.
            var last = i;
            while (last + 1 < blocks.Count && blocks[last + 1].DeleteStartA - (blocks[last].DeleteStartA + blocks[last].DeleteCountA) <= 2 * context)
                last++;

            var aStart = Math.Max(0, blocks[i].DeleteStartA - context);
            var bStart = blocks[i].InsertStartB - (blocks[i].DeleteStartA - aStart);
            var body = new StringBuilder();
            var (aCount, bCount, aPos) = (0, 0, aStart);
            for (var k = i; k <= last; k++)
            {
                var block = blocks[k];
                for (; aPos < block.DeleteStartA; aPos++, aCount++, bCount++) body.Append(' ').Append(oldLines[aPos]).Append('\n');
                for (var d = 0; d < block.DeleteCountA; d++, aCount++) body.Append('-').Append(oldLines[block.DeleteStartA + d]).Append('\n');
                for (var n = 0; n < block.InsertCountB; n++, bCount++) body.Append('+').Append(newLines[block.InsertStartB + n]).Append('\n');
                aPos = block.DeleteStartA + block.DeleteCountA;
            }
            var end = Math.Min(oldLineCount, aPos + context);
            for (; aPos < end; aPos++, aCount++, bCount++) body.Append(' ').Append(oldLines[aPos]).Append('\n');

            output.Append($"@@ -{aStart + 1},{aCount} +{bStart + 1},{bCount} @@\n").Append(body);
            i = last + 1;
        }
        return output.ToString();
    }
}
