using System.Text.Json;
using System.Text.Json.Nodes;
using GitOps.Build.Findings;
using GitOps.Build.Pipeline;
using GitOps.Build.Reporting;
using Json.Schema;
using Spectre.Console;

namespace GitOps.Build.Tests.Reporting;

/// <summary>
/// findings.sarif as GitHub code scanning reads it: SARIF 2.1.0 (against the part of its JSON schema
/// the report uses, Fixtures/reporting/sarif-2.1.0-subset.schema.json), rules from the registry,
/// results that point at their rule, levels, locations and fingerprints that survive a moved line.
/// </summary>
public sealed class SarifReportTests
{
    // Findings as the checks make them (Rule.At): registry ids, fixes and redaction.
    private static readonly Finding SchemaError = Rules.UnknownField.At("Deployment web/web", "artifacts/rendered/web-dev.yaml", 7, "spec.template.spec.containers[0].imagePullPolicyy: field not declared in schema");
    private static readonly Finding FileWarning = Rules.RunAsUser.At("Deployment web/web", "gitops/apps/web/values.yaml", 0, "runAsUser 0", Severity.Warning);
    private static readonly Finding Note = Rules.UnknownKind.At("Widget web/w", "gitops/apps/web/templates/widget.yaml", 3, "kind Widget has no schema");
    // A rule id the registry does not know (only tests can make one): described by the id alone.
    private static readonly Finding Unregistered = new("LEGACY-CHECK", Severity.Error, "web-prod", "gitops/apps/web/Chart.yaml", 2, "old check", "Do the old thing.");

    private static RunReport Sample()
    {
        var report = new RunReport();
        report.Record("lint", [new UnitOutcome("web-prod", UnitStatus.Failed, [Unregistered, FileWarning], TimeSpan.Zero)]);
        report.Record("validate", "web-dev", [SchemaError, Note], TimeSpan.FromSeconds(1));
        return report;
    }

    private static RunReport Of(params Finding[] findings)
    {
        var report = new RunReport();
        report.Record("validate", "u", findings, TimeSpan.Zero);
        return report;
    }

    private static JsonObject Parse(string sarif) => JsonNode.Parse(sarif)!.AsObject();
    private static JsonObject Run(JsonObject log) => log["runs"]!.AsArray().Single()!.AsObject();
    private static List<JsonObject> Results(JsonObject log) => Run(log)["results"]!.AsArray().Select(r => r!.AsObject()).ToList();
    private static List<JsonObject> RuleDescriptors(JsonObject log) => Run(log)["tool"]!["driver"]!["rules"]!.AsArray().Select(r => r!.AsObject()).ToList();
    private static JsonObject Physical(JsonObject result) => result["locations"]!.AsArray().Single()!["physicalLocation"]!.AsObject();
    private static JsonObject ResultFor(JsonObject log, Finding f) => Results(log).Single(r => (string?)r["ruleId"] == f.RuleId);

    // ---- schema ----

    private static readonly Lazy<JsonSchema> SubsetSchema = new(() =>
        JsonSchema.FromText(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "reporting", "sarif-2.1.0-subset.schema.json"))));

    private static readonly object SchemaGate = new();

    /// <summary>The schema's complaints about the text (empty when valid), formats checked too.</summary>
    private static List<string> Problems(string json)
    {
        using var document = JsonDocument.Parse(json);
        EvaluationResults results;
        lock (SchemaGate)
        {
            results = SubsetSchema.Value.Evaluate(document.RootElement,
                new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        }
        if (results.IsValid) return [];
        var problems = (results.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} {e.Key}: {e.Value}"))
            .ToList();
        return problems.Count > 0 ? problems : ["invalid"];
    }

    [Fact]
    public void The_schema_subset_rejects_what_SARIF_rejects()
    {
        // So that "valid" below means something.
        var valid = Sample();
        Assert.Empty(Problems(SarifReport.Build(valid)));

        string Edited(Action<JsonObject> edit)
        {
            var log = Parse(SarifReport.Build(valid));
            edit(log);
            return log.ToJsonString();
        }

        Assert.NotEmpty(Problems(Edited(l => l["version"] = "2.0.0")));
        Assert.NotEmpty(Problems(Edited(l => l.Remove("runs"))));
        Assert.NotEmpty(Problems(Edited(l => Run(l)["tool"]!["driver"]!.AsObject().Remove("name"))));
        Assert.NotEmpty(Problems(Edited(l => Results(l)[0]["level"] = "fatal")));
        Assert.NotEmpty(Problems(Edited(l => Results(l)[0].Remove("message"))));
        Assert.NotEmpty(Problems(Edited(l => Results(l)[0]["message"] = new JsonObject { ["markdown"] = "no text" })));
        Assert.NotEmpty(Problems(Edited(l => Results(l)[0]["ruleIndex"] = -2)));
        Assert.NotEmpty(Problems(Edited(l => Results(l)[0]["unknown"] = 1)));
        Assert.NotEmpty(Problems(Edited(l => Physical(Results(l).First(r => r["locations"]![0]!["physicalLocation"]!["region"] != null))["region"]!["startLine"] = 0)));
        Assert.NotEmpty(Problems(Edited(l => Physical(Results(l)[0])["region"] = new JsonObject())));
        Assert.NotEmpty(Problems(Edited(l => RuleDescriptors(l)[0].Remove("id"))));
        Assert.NotEmpty(Problems(Edited(l => RuleDescriptors(l)[0]["help"] = new JsonObject { ["markdown"] = "no text" })));
        Assert.NotEmpty(Problems(Edited(l => RuleDescriptors(l)[0]["defaultConfiguration"] = new JsonObject { ["level"] = "fatal" })));
        Assert.NotEmpty(Problems(Edited(l => RuleDescriptors(l)[0]["properties"] = new JsonObject { ["tags"] = new JsonArray("a", "a") })));
        Assert.NotEmpty(Problems(Edited(l => Results(l)[0]["partialFingerprints"] = new JsonObject { ["k"] = 1 })));
    }

    [Fact]
    public void Report_is_SARIF_2_1_0_by_the_schema()
    {
        Assert.Empty(Problems(SarifReport.Build(Sample())));
        Assert.Empty(Problems(SarifReport.Build(new RunReport())));
    }

    [Fact]
    public void Report_names_the_version_the_schema_and_the_tool()
    {
        var log = Parse(SarifReport.Build(Sample()));

        Assert.Equal("2.1.0", (string?)log["version"]);
        Assert.Equal("https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json", (string?)log["$schema"]);
        var driver = Run(log)["tool"]!["driver"]!;
        Assert.Equal("gitops-build", (string?)driver["name"]);
        Assert.Matches(@"^\d+\.\d+\.\d+", (string?)driver["version"]);
    }

    // ---- rules ----

    [Fact]
    public void Every_registry_rule_is_described_with_its_summary_fix_level_and_category()
    {
        var descriptors = RuleDescriptors(Parse(SarifReport.Build(Sample())));

        Assert.Equal(Rules.All.Select(r => r.Id), descriptors.Take(Rules.All.Count).Select(d => (string?)d["id"]));
        foreach (var (rule, d) in Rules.All.Zip(descriptors))
        {
            Assert.Equal(rule.Summary, (string?)d["shortDescription"]!["text"]);
            Assert.StartsWith(rule.Summary, (string?)d["fullDescription"]!["text"]);
            Assert.Equal(rule.Fix, (string?)d["help"]!["text"]);
            Assert.Contains(rule.Fix, (string?)d["help"]!["markdown"]);
            Assert.Contains(rule.SuppressionNote is { } note && note.StartsWith("not ", StringComparison.Ordinal) ? note : rule.SuppressionAnnotation,
                (string?)d["help"]!["markdown"]);
            Assert.Equal(SarifReport.Level(rule.Severity), (string?)d["defaultConfiguration"]!["level"]);
            Assert.Equal([rule.Category], d["properties"]!["tags"]!.AsArray().Select(t => (string?)t));
            Assert.Matches("^[A-Z][A-Za-z0-9]*$", (string?)d["name"]);
        }
        Assert.Equal("SchemaUnknownField", (string?)descriptors.Single(d => (string?)d["id"] == "SCHEMA-UNKNOWN-FIELD")["name"]);
    }

    [Fact]
    public void A_rule_id_the_registry_lacks_gets_a_descriptor_after_the_registry()
    {
        var descriptors = RuleDescriptors(Parse(SarifReport.Build(Sample())));

        var legacy = Assert.Single(descriptors, d => (string?)d["id"] == "LEGACY-CHECK");
        Assert.Equal(Rules.All.Count, descriptors.IndexOf(legacy));
        Assert.Equal("error", (string?)legacy["defaultConfiguration"]!["level"]);
        Assert.Equal("Do the old thing.", (string?)legacy["help"]!["text"]);
        Assert.Equal(descriptors.Count, descriptors.Select(d => (string?)d["id"]).Distinct().Count());
    }

    [Fact]
    public void Every_result_names_a_described_rule_and_its_index_points_at_it()
    {
        var log = Parse(SarifReport.Build(Sample()));
        var descriptors = RuleDescriptors(log);
        var results = Results(log);

        Assert.Equal(4, results.Count);
        foreach (var r in results)
        {
            var index = (int)r["ruleIndex"]!;
            Assert.InRange(index, 0, descriptors.Count - 1);
            Assert.Equal((string?)r["ruleId"], (string?)descriptors[index]["id"]);
        }
        Assert.Equal(Rules.All.ToList().IndexOf(Rules.UnknownField), (int)ResultFor(log, SchemaError)["ruleIndex"]!);
    }

    // ---- results ----

    [Fact]
    public void Levels_map_from_severities_error_warning_note()
    {
        var log = Parse(SarifReport.Build(Sample()));

        Assert.Equal("error", (string?)ResultFor(log, SchemaError)["level"]);
        Assert.Equal("warning", (string?)ResultFor(log, FileWarning)["level"]); // overridden at the finding: the finding's severity wins
        Assert.Equal("error", (string?)RuleDescriptors(log).Single(d => (string?)d["id"] == Rules.RunAsUser.Id)["defaultConfiguration"]!["level"]);
        Assert.Equal("note", (string?)ResultFor(log, Note)["level"]);
        Assert.Equal("error", SarifReport.Level(Severity.Error));
        Assert.Equal("warning", SarifReport.Level(Severity.Warning));
        Assert.Equal("note", SarifReport.Level(Severity.Info));
    }

    [Fact]
    public void Message_is_the_object_and_what_is_wrong_and_the_fix_only_when_the_rule_help_lacks_it()
    {
        var log = Parse(SarifReport.Build(Sample()));

        Assert.Equal($"Deployment web/web: {SchemaError.Message}", (string?)ResultFor(log, SchemaError)["message"]!["text"]);
        Assert.Equal("web-prod: old check", (string?)ResultFor(log, Unregistered)["message"]!["text"]); // its fix is its rule's help
        var differentFix = new Finding(Rules.UnknownField.Id, Severity.Error, "o", "f.yaml", 1, "m", "Another fix.");
        Assert.Equal("o: m Fix: Another fix.", (string?)Results(Parse(SarifReport.Build(Of(differentFix))))[0]["message"]!["text"]);
    }

    [Fact]
    public void A_finding_with_a_line_has_its_start_line_and_line_0_has_no_region()
    {
        var log = Parse(SarifReport.Build(Sample()));

        Assert.Equal(7, (int)Physical(ResultFor(log, SchemaError))["region"]!["startLine"]!);
        Assert.Equal(["startLine"], Physical(ResultFor(log, SchemaError))["region"]!.AsObject().Select(p => p.Key));
        var fileLevel = Physical(ResultFor(log, FileWarning));
        Assert.False(fileLevel.ContainsKey("region"));
        Assert.Equal("gitops/apps/web/values.yaml", (string?)fileLevel["artifactLocation"]!["uri"]);
    }

    [Fact]
    public void Locations_are_relative_to_the_source_root_with_forward_slashes()
    {
        var log = Parse(SarifReport.Build(Sample()));

        foreach (var r in Results(log))
        {
            var artifact = Physical(r)["artifactLocation"]!;
            var uri = (string?)artifact["uri"];
            Assert.Equal("%SRCROOT%", (string?)artifact["uriBaseId"]);
            Assert.False(Uri.IsWellFormedUriString(uri, UriKind.Absolute), uri);
            Assert.NotNull(uri);
            Assert.DoesNotContain('\\', uri);
            Assert.False(uri.StartsWith('/'), uri);
        }
        // A rendered artifact is not a repository file, but it is where the object is: kept as given.
        Assert.Equal("artifacts/rendered/web-dev.yaml", (string?)Physical(ResultFor(log, SchemaError))["artifactLocation"]!["uri"]);
    }

    [Theory]
    [InlineData("gitops\\apps\\web\\values.yaml", "gitops/apps/web/values.yaml")]
    [InlineData("./gitops/apps/web/values.yaml", "gitops/apps/web/values.yaml")]
    [InlineData("gitops/my apps/100%/a#b?.yaml", "gitops/my%20apps/100%25/a%23b%3F.yaml")]
    [InlineData("dir,with:odd.yaml", "dir%2Cwith%3Aodd.yaml")]
    [InlineData("gitops/ünï.yaml", "gitops/%C3%BCn%C3%AF.yaml")]
    public void A_path_becomes_a_URI_reference_that_means_that_path(string file, string uri)
    {
        var location = SarifReport.ArtifactLocation(file);

        Assert.Equal(uri, (string?)location["uri"]);
        Assert.Equal("%SRCROOT%", (string?)location["uriBaseId"]);
        // Only unreserved characters, '/' and percent escapes: nothing a reader could take for a scheme, query or fragment.
        Assert.Matches("^([A-Za-z0-9._~/-]|%[0-9A-F]{2})*$", uri);
        Assert.Equal(file.Replace('\\', '/').TrimStart('.', '/'), Uri.UnescapeDataString(uri));
    }

    [Fact]
    public void An_absolute_path_is_a_file_URI_without_a_base()
    {
        var path = Path.Combine(Path.GetTempPath(), "outside.yaml");
        var location = SarifReport.ArtifactLocation(path);

        Assert.False(location.ContainsKey("uriBaseId"));
        Assert.Equal(new Uri(path).AbsoluteUri, (string?)location["uri"]);
        Assert.Empty(Problems(SarifReport.Build(Of(new Finding("R", Severity.Error, "o", path, 1, "m")))));
    }

    // ---- fingerprints ----

    private static string FingerprintOf(JsonObject result) => (string)result["partialFingerprints"]![SarifReport.FingerprintKey]!;

    [Fact]
    public void The_same_finding_has_the_same_fingerprint_in_every_run_and_when_its_line_moves()
    {
        var first = FingerprintOf(ResultFor(Parse(SarifReport.Build(Sample())), SchemaError));
        var again = FingerprintOf(ResultFor(Parse(SarifReport.Build(Sample())), SchemaError));
        var moved = Rules.UnknownField.At(SchemaError.Object, SchemaError.File, SchemaError.Line + 5, SchemaError.Message);
        var afterMove = FingerprintOf(Results(Parse(SarifReport.Build(Of(moved))))[0]);

        Assert.Equal(first, again);
        Assert.Equal(first, afterMove);
        Assert.Matches("^[0-9a-f]{64}:1$", first);
    }

    [Fact]
    public void Different_findings_have_different_fingerprints_and_repeats_are_numbered()
    {
        var results = Results(Parse(SarifReport.Build(Sample())));
        Assert.Equal(results.Count, results.Select(FingerprintOf).Distinct().Count());

        Finding Variant(string? obj = null, string? file = null, string? message = null) =>
            Rules.UnknownField.At(obj ?? SchemaError.Object, file ?? SchemaError.File, 7, message ?? SchemaError.Message);
        var base0 = SarifReport.Fingerprint(SchemaError);
        Assert.NotEqual(base0, SarifReport.Fingerprint(Variant(obj: "Deployment web/other")));
        Assert.NotEqual(base0, SarifReport.Fingerprint(Variant(file: "artifacts/rendered/web-prod.yaml")));
        Assert.NotEqual(base0, SarifReport.Fingerprint(Variant(message: "another field")));
        Assert.NotEqual(base0, SarifReport.Fingerprint(Rules.WrongType.At(SchemaError.Object, SchemaError.File, 7, SchemaError.Message)));

        // Alike in all but the line (the same mistake twice in a file): two alerts, not one.
        // Numbered in line order, whichever order the stages reported them in.
        var later = Rules.UnknownField.At(SchemaError.Object, SchemaError.File, 30, SchemaError.Message);
        var twice = Results(Parse(SarifReport.Build(Of(Variant(), later))));
        Assert.Equal([$"{base0}:1", $"{base0}:2"], twice.Select(FingerprintOf));
        var reversed = Results(Parse(SarifReport.Build(Of(later, Variant()))));
        Assert.Equal([$"{base0}:2", $"{base0}:1"], reversed.Select(FingerprintOf));
        Assert.Equal(30, (int)Physical(reversed[0])["region"]!["startLine"]!);
    }

    // ---- text ----

    [Fact]
    public void Tool_text_is_redacted_and_colour_codes_and_odd_characters_keep_the_report_valid()
    {
        // Rule.At redacts what a tool quoted; the report adds nothing raw.
        var quoted = Rules.HelmTemplate.At("Application/web", "gitops/apps/web.yaml", 4, "\u001b[31mError:\u001b[0m token \"hunter2-secret\" is not allowed\u0000\u0007 \ud800");
        var sarif = SarifReport.Build(Of(quoted));

        Assert.DoesNotContain("hunter2-secret", sarif);
        Assert.Empty(Problems(sarif));
        var text = (string)Results(Parse(sarif))[0]["message"]!["text"]!;
        Assert.Contains("token <value> is not allowed", text);
        Assert.DoesNotContain('\u001b', text);
    }

    [Fact]
    public void An_empty_run_has_no_results_and_still_lists_the_rules()
    {
        var log = Parse(SarifReport.Build(new RunReport()));
        Assert.Empty(Results(log));
        Assert.Equal(Rules.All.Count, RuleDescriptors(log).Count);
    }

    // ---- written by ReportWriter ----

    [Fact]
    public void ReportWriter_writes_findings_sarif_beside_junit_and_json_and_leaves_no_temp_file()
    {
        var artifacts = Path.Combine(Path.GetTempPath(), "sarif-report-" + Guid.NewGuid().ToString("N"));
        try
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Ansi = AnsiSupport.No, Out = new AnsiConsoleOutput(new StringWriter()) });
            var written = ReportWriter.Write(Sample(), artifacts, console, _ => null);

            var sarif = Path.Combine(artifacts, "reports", "findings.sarif");
            Assert.Contains(sarif, written);
            Assert.Equal(["durations.json", "findings.json", "findings.sarif", "junit.xml"],
                Directory.GetFiles(Path.Combine(artifacts, "reports")).Select(Path.GetFileName).Order());
            Assert.Equal(SarifReport.Build(Sample()), File.ReadAllText(sarif));
            Assert.Empty(Problems(File.ReadAllText(sarif)));
        }
        finally
        {
            if (Directory.Exists(artifacts)) Directory.Delete(artifacts, recursive: true);
        }
    }
}
