using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GitOps.Build.Findings;

namespace GitOps.Build.Reporting;

/// <summary>
/// The findings as SARIF 2.1.0 (artifacts/reports/findings.sarif), for GitHub code scanning: one run
/// whose driver lists every rule of the registry (<see cref="Rules.All"/>: id, summary, the fix as
/// help, the default level), and a result per finding with its rule id and index, level, message,
/// the file relative to the repository root (uriBaseId <see cref="SourceRoot"/>), the line when
/// known, and a fingerprint that does not depend on the line, so an alert follows its finding when
/// lines above it move. Messages are the findings' own, already redacted where they quote a tool.
/// </summary>
public static partial class SarifReport
{
    public const string Version = "2.1.0";
    public const string Schema = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
    public const string ToolName = "gitops-build";

    /// <summary>The uriBaseId every location is relative to: the repository root (the checkout on CI).</summary>
    public const string SourceRoot = "%SRCROOT%";

    /// <summary>The partialFingerprints key of our own fingerprint (versioned: a change of what it hashes is a new key).</summary>
    public const string FingerprintKey = "gitopsFinding/v1";

    public static string Build(RunReport report) => Build(report, Rules.All);

    /// <summary>
    /// <paramref name="rules"/> first, in their order (so a rule keeps its index from run to run),
    /// then a descriptor for any rule id a finding names that the list lacks.
    /// </summary>
    public static string Build(RunReport report, IReadOnlyList<Rule> rules)
    {
        var findings = report.Findings;
        var descriptors = new JsonArray();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var help = new Dictionary<string, string?>(StringComparer.Ordinal); // each rule's help text: its fix
        foreach (var rule in rules)
        {
            if (!index.TryAdd(rule.Id, descriptors.Count)) continue;
            help[rule.Id] = rule.Fix;
            descriptors.Add(Descriptor(rule));
        }
        foreach (var f in findings)
        {
            if (!index.TryAdd(f.RuleId, descriptors.Count)) continue;
            help[f.RuleId] = f.Fix;
            descriptors.Add(Descriptor(f));
        }

        // Two findings alike in all but the line would share a fingerprint: the repeats are numbered
        // in line order, so the numbers do not depend on the order the stages reported them in.
        var fingerprints = findings
            .GroupBy(Fingerprint, StringComparer.Ordinal)
            .SelectMany(g => g.OrderBy(f => f.Line).Select((f, i) => (Finding: f, Value: $"{g.Key}:{i + 1}")))
            .ToDictionary(p => p.Finding, p => p.Value); // RunReport.Findings holds each finding once

        var results = new JsonArray();
        foreach (var f in findings)
        {
            var result = new JsonObject
            {
                ["ruleId"] = f.RuleId,
                ["ruleIndex"] = index[f.RuleId],
                ["level"] = Level(f.Severity),
                ["message"] = new JsonObject { ["text"] = MessageText(f, help[f.RuleId]) },
                ["locations"] = new JsonArray(Location(f)),
                ["partialFingerprints"] = new JsonObject { [FingerprintKey] = fingerprints[f] },
            };
            // The rendered artifact a finding on a rendered object was found in: where its line is, as Argo CD applies it.
            if (f.RenderedFile is { } rendered)
                result["relatedLocations"] = new JsonArray(Located(rendered, f.RenderedLine, new JsonObject { ["id"] = 1, ["message"] = new JsonObject { ["text"] = "rendered output" } }));
            results.Add(result);
        }

        var driver = new JsonObject
        {
            ["name"] = ToolName,
            ["version"] = ToolVersion(),
            ["rules"] = descriptors,
        };
        var log = new JsonObject
        {
            ["$schema"] = Schema,
            ["version"] = Version,
            ["runs"] = new JsonArray(new JsonObject
            {
                ["tool"] = new JsonObject { ["driver"] = driver },
                ["results"] = results,
            }),
        };
        return log.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>error, warning, note: SARIF's levels for our severities.</summary>
    public static string Level(Severity severity) => severity switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        _ => "note",
    };

    private static JsonObject Descriptor(Rule rule)
    {
        var suppression = rule.SuppressionNote switch
        {
            { } note when note.StartsWith("not ", StringComparison.Ordinal) => $"Suppression: {note}.",
            { } note => $"Suppression: annotation `{rule.SuppressionAnnotation}: <reason>` {note}.",
            null => $"Suppression: annotation `{rule.SuppressionAnnotation}: <reason>` on the object.",
        };
        return new JsonObject
        {
            ["id"] = rule.Id,
            ["name"] = Name(rule.Id),
            ["shortDescription"] = new JsonObject { ["text"] = rule.Summary },
            ["fullDescription"] = new JsonObject { ["text"] = $"{rule.Summary} Severity: {rule.SeverityText}." },
            ["help"] = new JsonObject
            {
                ["text"] = rule.Fix,
                ["markdown"] = $"**Fix:** {rule.Fix}\n\n{suppression} The rules are listed in docs/checks.md.",
            },
            ["defaultConfiguration"] = new JsonObject { ["level"] = Level(rule.Severity) },
            ["properties"] = new JsonObject { ["tags"] = new JsonArray(rule.Category) },
        };
    }

    /// <summary>A rule id a finding names that the registry does not have: described by the id alone.</summary>
    private static JsonObject Descriptor(Finding f)
    {
        var descriptor = new JsonObject
        {
            ["id"] = f.RuleId,
            ["name"] = Name(f.RuleId),
            ["shortDescription"] = new JsonObject { ["text"] = f.RuleId },
            ["defaultConfiguration"] = new JsonObject { ["level"] = Level(f.Severity) },
        };
        if (f.Fix is { Length: > 0 } fix) descriptor["help"] = new JsonObject { ["text"] = fix };
        return descriptor;
    }

    /// <summary>SCHEMA-UNKNOWN-FIELD → SchemaUnknownField: SARIF's name is an identifier, the id is the user's handle.</summary>
    private static string Name(string id) =>
        string.Concat(NameParts().Split(id).Where(p => p.Length > 0)
            .Select(p => char.ToUpperInvariant(p[0]) + p[1..].ToLowerInvariant()));

    [GeneratedRegex("[^A-Za-z0-9]+")]
    private static partial Regex NameParts();

    /// <summary>The object and what is wrong; the fix too when it is not the rule's help already.</summary>
    private static string MessageText(Finding f, string? ruleHelp)
    {
        var text = $"{f.Object}: {f.Message}";
        if (f.Fix is { Length: > 0 } fix && fix != ruleHelp) text += $" Fix: {fix}";
        return ReportText.WithoutColour(text);
    }

    private static JsonObject Location(Finding f) => Located(f.File, f.Line, new JsonObject());

    private static JsonObject Located(string file, int line, JsonObject location)
    {
        var physical = new JsonObject { ["artifactLocation"] = ArtifactLocation(file) };
        // SARIF lines start at 1; a finding with line 0 is about the file as a whole.
        if (line > 0) physical["region"] = new JsonObject { ["startLine"] = line };
        location["physicalLocation"] = physical;
        return location;
    }

    /// <summary>
    /// The file as a URI reference relative to <see cref="SourceRoot"/>: forward slashes, every
    /// segment percent-encoded (a space, '%', '#', '?' or ':' would otherwise change what it means).
    /// A path that is absolute after all becomes a file: URI without a base.
    /// </summary>
    public static JsonObject ArtifactLocation(string file)
    {
        var path = file.Replace('\\', '/');
        if (Path.IsPathRooted(file) || path.StartsWith('/'))
        {
            return new JsonObject { ["uri"] = new Uri(Path.GetFullPath(file)).AbsoluteUri };
        }
        while (path.StartsWith("./", StringComparison.Ordinal)) path = path[2..];
        var uri = string.Join('/', path.Split('/').Select(Uri.EscapeDataString));
        return new JsonObject { ["uri"] = uri, ["uriBaseId"] = SourceRoot };
    }

    /// <summary>
    /// What makes a finding the same finding in the next run: rule, file, object and message, not
    /// the line (an edit above it moves it). SHA-256, hex.
    /// </summary>
    public static string Fingerprint(Finding f)
    {
        var key = string.Join('\0', f.RuleId, f.File.Replace('\\', '/'), f.Object, f.Message);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
    }

    private static string ToolVersion() =>
        typeof(SarifReport).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(SarifReport).Assembly.GetName().Version?.ToString(3)
        ?? "0.0.0";
}
