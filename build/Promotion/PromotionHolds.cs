using System.Globalization;
using System.Text.Json.Nodes;
using GitOps.Build.Manifests;
using GitOps.Build.Yaml;

namespace GitOps.Build.Promotion;

/// <summary>
/// A hold: an app in an environment kept at a reference by a person (Rollback records one), so that Promote,
/// run by a person or by automation, does not move it until someone decides to (<c>--force</c> lifts it).
/// </summary>
public sealed record PromotionHold(string App, string Environment, string Reference, string By, DateTimeOffset At, string Reason)
{
    public string Describe =>
        $"{App} in {Environment} is held at {Reference} by {By} since {At.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC"
        + (Reason.Length > 0 ? $" ({Reason})" : "");
}

/// <summary>
/// The holds file (promotion.holds in gitops-build.yaml, default <see cref="DefaultPath"/> at the repository root):
/// a list of holds, written whole by Rollback and Promote --force, committed with the change it belongs to.
/// A missing file holds nothing; a file that does not read is an error naming the line.
/// </summary>
public static class PromotionHolds
{
    public const string DefaultPath = "promotion-holds.yaml";

    private const string Header = """
        # Promotion holds, written by the build program's Rollback (and lifted by Promote --force).
        # Promote refuses to move an app in an environment held here; PromotionStatus shows each hold.
        # Lift one by removing its entry, or with: ./build.sh --target=Promote --app=<app> --to=<env> --tag=<tag> --force

        """;

    /// <exception cref="YamlEditException">The file is not a list of holds; the message names the line.</exception>
    public static IReadOnlyList<PromotionHold> Read(string path, string display)
    {
        if (!File.Exists(path)) return [];
        IReadOnlyList<ManifestObject> documents;
        try
        {
            documents = ManifestReader.Read(ValuesFile.Read(path).Text, display);
        }
        catch (ManifestParseException e)
        {
            throw new YamlEditException(display, e.Line, e.Problem);
        }
        if (documents.Count == 0) return [];
        var doc = documents[0];
        if (doc.At("/holds") is null) return [];
        if (doc.At("/holds") is not JsonArray list)
            throw new YamlEditException(display, doc.LineOf("/holds"), "'holds' must be a list of {app, environment, reference, by, at, reason}.");
        var holds = new List<PromotionHold>();
        for (var i = 0; i < list.Count; i++)
        {
            string Field(string name, bool required = true) =>
                doc.Text($"/holds/{i}/{name}") is { Length: > 0 } value ? value
                : required ? throw new YamlEditException(display, doc.LineOf($"/holds/{i}"), $"hold {i + 1} has no '{name}'; every hold names app, environment, reference, by and at.")
                : "";
            var at = Field("at");
            if (!DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var when))
                throw new YamlEditException(display, doc.LineOf($"/holds/{i}/at"), $"hold {i + 1}: 'at' is '{at}', not a time (e.g. 2025-05-01T12:00:00Z).");
            holds.Add(new PromotionHold(Field("app"), Field("environment"), Field("reference"), Field("by"), when, Field("reason", required: false)));
        }
        return holds;
    }

    /// <summary>The file's text for <paramref name="holds"/>: a comment saying what it is, then the list.</summary>
    public static string Write(IEnumerable<PromotionHold> holds)
    {
        var list = new JsonArray();
        foreach (var h in holds)
        {
            list.Add(new JsonObject
            {
                ["app"] = h.App,
                ["environment"] = h.Environment,
                ["reference"] = h.Reference,
                ["by"] = h.By,
                ["at"] = h.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                ["reason"] = h.Reason,
            });
        }
        return Header + YamlJson.ToYaml(new JsonObject { ["holds"] = list });
    }

    /// <summary>The holds file of a repository: promotion.holds of its configuration, else <see cref="DefaultPath"/> at its root.</summary>
    public static string FileOf(Config.RepositoryConfig config, string root) => config.PromotionHolds ?? Path.Combine(root, DefaultPath);

    /// <summary>The hold on <paramref name="app"/> in <paramref name="environment"/>, if any.</summary>
    public static PromotionHold? On(IEnumerable<PromotionHold> holds, string app, string environment) =>
        holds.FirstOrDefault(h => h.App == app && h.Environment == environment);
}
