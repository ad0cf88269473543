using System.Text.RegularExpressions;

namespace GitOps.Build.Tests.Architecture;

/// <summary>One layer of the build program: its name and its folders under build/, lowest first.</summary>
public sealed record Layer(int Number, string Name, IReadOnlyList<string> Folders);

/// <summary>
/// The layer order, read from the one place it is written: the numbered list under "Layers of the build
/// program" in docs/repository-layout.md. The test and the doc cannot disagree because the test has no
/// copy of its own. A folder is written as <c>`build/Name/`</c>; the files directly in build/ as <c>`build/`</c>
/// (the empty folder name here).
/// </summary>
public static partial class LayerOrder
{
    public const string Heading = "## Layers of the build program";

    public static IReadOnlyList<Layer> Parse(string markdown)
    {
        var start = markdown.IndexOf(Heading, StringComparison.Ordinal);
        if (start < 0) throw new InvalidOperationException($"no \"{Heading}\" section");
        // A numbered item, with the indented lines that continue it.
        var items = new List<string>();
        foreach (var line in markdown[(start + Heading.Length)..].Split('\n'))
        {
            if (line.StartsWith("## ", StringComparison.Ordinal)) break;
            if (ItemStart().IsMatch(line)) items.Add(line.Trim());
            else if (items.Count > 0 && line.StartsWith(' ') && line.Trim().Length > 0) items[^1] += " " + line.Trim();
            else if (line.Trim().Length == 0 && items.Count > 0) items.Add(""); // a blank line ends an item
        }
        var layers = new List<Layer>();
        foreach (var text in items)
        {
            var item = Item().Match(text);
            if (!item.Success) continue;
            var folders = Folder().Matches(item.Groups["folders"].Value).Select(m => m.Groups["name"].Value.TrimEnd('/')).ToList();
            layers.Add(new Layer(int.Parse(item.Groups["number"].Value), item.Groups["name"].Value.Trim(), folders));
        }
        return layers;
    }

    /// <summary>Each folder's rank: its position in the whole order, lowest first.</summary>
    public static Dictionary<string, (int Rank, Layer Layer)> Ranks(IReadOnlyList<Layer> layers)
    {
        var ranks = new Dictionary<string, (int, Layer)>(StringComparer.Ordinal);
        foreach (var layer in layers)
            foreach (var folder in layer.Folders)
                if (!ranks.TryAdd(folder, (ranks.Count, layer))) throw new InvalidOperationException($"build/{folder} is listed twice");
        return ranks;
    }

    // "3. **Yaml and manifests** (`build/Yaml/`, `build/Manifests/`): ..."
    [GeneratedRegex(@"^(?<number>\d+)\.\s+\*\*(?<name>[^*]+)\*\*\s+\((?<folders>[^)]*)\)")]
    private static partial Regex Item();

    [GeneratedRegex(@"^\d+\.\s")]
    private static partial Regex ItemStart();

    [GeneratedRegex(@"`build/(?<name>[A-Za-z]*/?)`")]
    private static partial Regex Folder();
}
