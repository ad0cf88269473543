using System.Globalization;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using GitOps.Build.Findings;
using GitOps.Build.Pipeline;
using GitOps.Build.Reporting;
using Spectre.Console;

namespace GitOps.Build.Tests.Reporting;

/// <summary>
/// The report formats a run writes: JUnit XML (against a JUnit schema), findings.json (its fields and
/// their types), GitHub workflow-command annotations (their escaping) and the console table.
/// </summary>
public sealed class ReportFormatTests
{
    private static readonly Finding LintError = new("HELM-LINT", Severity.Error, "web-prod", "gitops/apps/web/values-prod.yaml", 12,
        "replicas: got string, want integer", "Give replicas a number.");
    private static readonly Finding LintWarning = new("HELM-LINT-WARN", Severity.Warning, "web-prod", "gitops/apps/web/Chart.yaml", 0,
        "icon is recommended");
    private static readonly Finding ValidateError = new("K8S-SCHEMA", Severity.Error, "Deployment web/web", "artifacts/rendered/web-dev.yaml", 7,
        "spec.template: <unknown> & \"quoted\" field\nsecond line");
    private static readonly Finding ValidateInfo = new("POLICY-NOTE", Severity.Info, "Service web/web", "artifacts/rendered/web-dev.yaml", 40,
        "type ClusterIP assumed");

    /// <summary>Two stages, a passed, a failed and a skipped unit; errors, a warning and a notice.</summary>
    private static RunReport Sample()
    {
        var report = new RunReport();
        report.Record("lint",
        [
            new UnitOutcome("web-dev", UnitStatus.Passed, [], TimeSpan.FromMilliseconds(1250)),
            new UnitOutcome("web-prod", UnitStatus.Failed, [LintError, LintWarning], TimeSpan.FromMilliseconds(500)),
            new UnitOutcome("ingress-nginx", UnitStatus.Skipped, [], TimeSpan.Zero, "remote chart: linted by its publisher"),
        ]);
        report.Record("validate", "web-dev", [ValidateError, ValidateInfo], TimeSpan.FromSeconds(2));
        return report;
    }

    // ---- JUnit ----

    private static XmlSchemaSet JUnitSchema()
    {
        var set = new XmlSchemaSet();
        set.Add(null, Path.Combine(AppContext.BaseDirectory, "Fixtures", "reporting", "junit.xsd"));
        set.Compile();
        return set;
    }

    /// <summary>Parses the text as written to junit.xml and validates it; returns the problems.</summary>
    private static (XDocument Doc, List<string> Problems) ParseAndValidate(string xml)
    {
        var problems = new List<string>();
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = JUnitSchema() };
        settings.ValidationEventHandler += (_, e) => problems.Add($"{e.Severity}: {e.Message} (line {e.Exception?.LineNumber})");
        using var reader = XmlReader.Create(new StringReader(xml), settings);
        var doc = XDocument.Load(reader, LoadOptions.SetLineInfo);
        return (doc, problems);
    }

    [Fact]
    public void The_schema_itself_rejects_what_it_should()
    {
        // So that "valid" below means something: a suite without its counts, and a count that is not a number.
        var (_, missing) = ParseAndValidate("<testsuites><testsuite name=\"lint\" tests=\"1\"><testcase name=\"a\"/></testsuite></testsuites>");
        Assert.Contains(missing, p => p.Contains("failures", StringComparison.Ordinal));
        var (_, wrong) = ParseAndValidate("<testsuites><testsuite name=\"lint\" tests=\"x\" failures=\"0\" errors=\"0\" skipped=\"0\" time=\"0\"/></testsuites>");
        Assert.NotEmpty(wrong);
        var (_, unknown) = ParseAndValidate("<testsuites><testsuite name=\"l\" tests=\"1\" failures=\"0\" errors=\"0\" skipped=\"0\" time=\"0\"><case name=\"a\"/></testsuite></testsuites>");
        Assert.NotEmpty(unknown);
    }

    [Fact]
    public void JUnit_report_is_valid_against_the_JUnit_schema()
    {
        var (_, problems) = ParseAndValidate(JUnitReport.Build(Sample()).ToString());
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void JUnit_report_of_an_empty_run_is_valid()
    {
        var (doc, problems) = ParseAndValidate(JUnitReport.Build(new RunReport()).ToString());
        Assert.Empty(problems);
        Assert.Equal("testsuites", doc.Root!.Name.LocalName);
        Assert.Empty(doc.Root.Elements());
    }

    [Fact]
    public void JUnit_suites_state_counts_that_match_their_cases()
    {
        var doc = XDocument.Parse(JUnitReport.Build(Sample()).ToString());
        var suites = doc.Root!.Elements("testsuite").ToDictionary(s => (string)s.Attribute("name")!);
        Assert.Equal(["lint", "validate"], suites.Keys);

        foreach (var suite in suites.Values)
        {
            var cases = suite.Elements("testcase").ToList();
            Assert.Equal(cases.Count, (int)suite.Attribute("tests")!);
            Assert.Equal(cases.Count(c => c.Element("failure") != null), (int)suite.Attribute("failures")!);
            Assert.Equal(cases.Count(c => c.Element("error") != null), (int)suite.Attribute("errors")!);
            Assert.Equal(cases.Count(c => c.Element("skipped") != null), (int)suite.Attribute("skipped")!);
            var sum = cases.Sum(c => decimal.Parse((string)c.Attribute("time")!, CultureInfo.InvariantCulture));
            Assert.Equal(sum, decimal.Parse((string)suite.Attribute("time")!, CultureInfo.InvariantCulture));
        }

        var lint = suites["lint"];
        Assert.Equal(3, (int)lint.Attribute("tests")!);
        Assert.Equal(1, (int)lint.Attribute("failures")!);
        Assert.Equal(1, (int)lint.Attribute("skipped")!);
        Assert.Equal("1.750", (string)lint.Attribute("time")!); // invariant culture, seconds
        Assert.Equal(1, (int)suites["validate"].Attribute("failures")!);
    }

    [Fact]
    public void JUnit_case_of_a_skipped_unit_is_marked_skipped_with_the_reason_and_not_as_passed()
    {
        var doc = XDocument.Parse(JUnitReport.Build(Sample()).ToString());
        var skipped = doc.Descendants("testcase").Single(c => (string?)c.Attribute("name") == "ingress-nginx");
        var marker = Assert.Single(skipped.Elements("skipped"));
        Assert.Contains("remote chart", (string?)marker.Attribute("message"));
        Assert.Null(skipped.Element("failure"));
        // A passed unit has neither.
        var passed = doc.Descendants("testcase").Single(c => (string?)c.Attribute("name") == "web-dev" && (string?)c.Attribute("classname") == "lint");
        Assert.Empty(passed.Elements());
    }

    [Fact]
    public void JUnit_failure_lists_every_error_with_location_and_rule_and_keeps_warnings_out_of_it()
    {
        var doc = XDocument.Parse(JUnitReport.Build(Sample()).ToString());
        var failed = doc.Descendants("testcase").Single(c => (string?)c.Attribute("name") == "web-prod");
        Assert.Equal("lint", (string?)failed.Attribute("classname"));
        var failure = Assert.Single(failed.Elements("failure"));
        Assert.Equal("1 finding(s): HELM-LINT", (string?)failure.Attribute("message"));
        Assert.Contains("gitops/apps/web/values-prod.yaml:12 [HELM-LINT] web-prod: replicas: got string, want integer Fix: Give replicas a number.", failure.Value);
        Assert.DoesNotContain("icon is recommended", failure.Value);
        Assert.Contains("Warning: gitops/apps/web/Chart.yaml [HELM-LINT-WARN] icon is recommended", failed.Element("system-out")!.Value);
    }

    [Fact]
    public void JUnit_text_with_markup_characters_round_trips()
    {
        var doc = XDocument.Parse(JUnitReport.Build(Sample()).ToString());
        var failure = doc.Descendants("testcase").Single(c => (string?)c.Attribute("classname") == "validate").Element("failure")!;
        Assert.Contains("spec.template: <unknown> & \"quoted\" field\nsecond line", failure.Value);
    }

    [Fact]
    public void JUnit_report_with_control_characters_in_a_message_is_still_well_formed_XML()
    {
        // helm and kubectl colour their output; an escape character must not make junit.xml unreadable.
        var report = new RunReport();
        report.Record("lint", "web", [new Finding("HELM-LINT", Severity.Error, "web", "Chart.yaml", 1, "\u001b[31mError\u001b[0m: bad\u0000 value\u0007")], TimeSpan.Zero);

        var xml = JUnitReport.Build(report).ToString();

        var (doc, problems) = ParseAndValidate(xml);
        Assert.Empty(problems);
        var text = doc.Descendants("failure").Single().Value;
        Assert.Contains("Error", text);
        Assert.Contains("bad", text);
        Assert.DoesNotContain('\u001b', text);
    }

    // ---- JSON ----

    [Fact]
    public void Json_report_has_every_field_with_its_type()
    {
        using var json = JsonDocument.Parse(JsonReport.Build(Sample()));
        var root = json.RootElement;
        Assert.Equal(JsonValueKind.Object, root.ValueKind);
        Assert.Equal(["errors", "findings", "units"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.Number, root.GetProperty("errors").ValueKind);
        Assert.Equal(2, root.GetProperty("errors").GetInt32());

        var findings = root.GetProperty("findings").EnumerateArray().ToList();
        Assert.Equal(4, findings.Count);
        foreach (var f in findings)
        {
            // "rendered" (the artifact file and line) only on findings about rendered objects
            Assert.Equal(["rule", "severity", "object", "file", "line", "message", "fix"], f.EnumerateObject().Select(p => p.Name).Where(n => n != "rendered"));
            foreach (var name in new[] { "rule", "severity", "object", "file", "message" })
                Assert.Equal(JsonValueKind.String, f.GetProperty(name).ValueKind);
            Assert.Equal(JsonValueKind.Number, f.GetProperty("line").ValueKind);
            Assert.True(f.GetProperty("line").GetInt32() >= 0);
            Assert.Contains(f.GetProperty("fix").ValueKind, new[] { JsonValueKind.String, JsonValueKind.Null });
            Assert.Contains(f.GetProperty("severity").GetString(), new[] { "error", "warning", "info" });
        }
        var first = findings[0];
        Assert.Equal("HELM-LINT", first.GetProperty("rule").GetString());
        Assert.Equal("error", first.GetProperty("severity").GetString());
        Assert.Equal(12, first.GetProperty("line").GetInt32());
        Assert.Equal("Give replicas a number.", first.GetProperty("fix").GetString());
        Assert.Equal(JsonValueKind.Null, findings[1].GetProperty("fix").ValueKind); // the warning has no fix
        Assert.Equal("spec.template: <unknown> & \"quoted\" field\nsecond line", findings[2].GetProperty("message").GetString());

        var units = root.GetProperty("units").EnumerateArray().ToList();
        Assert.Equal(4, units.Count);
        foreach (var u in units)
        {
            Assert.Equal(["stage", "unit", "status", "seconds", "findings"], u.EnumerateObject().Select(p => p.Name));
            Assert.Equal(JsonValueKind.Array, u.GetProperty("findings").ValueKind);
            Assert.Equal(JsonValueKind.String, u.GetProperty("stage").ValueKind);
            Assert.Equal(JsonValueKind.String, u.GetProperty("unit").ValueKind);
            Assert.Equal(JsonValueKind.String, u.GetProperty("status").ValueKind);
            Assert.Equal(JsonValueKind.Number, u.GetProperty("seconds").ValueKind);
        }
        Assert.Equal(["lint/web-dev/passed/1.25", "lint/web-prod/failed/0.5", "lint/ingress-nginx/skipped (remote chart: linted by its publisher)/0", "validate/web-dev/failed/2"],
            units.Select(u => $"{u.GetProperty("stage").GetString()}/{u.GetProperty("unit").GetString()}/{u.GetProperty("status").GetString()}/{u.GetProperty("seconds").GetDouble().ToString(CultureInfo.InvariantCulture)}"));
        // Each row's findings by index into findings: what MergeReports reads a report back by.
        Assert.Equal(["", "0,1", "", "2,3"], units.Select(u => string.Join(",", u.GetProperty("findings").EnumerateArray().Select(i => i.GetInt32()))));
    }

    [Fact]
    public void Json_report_reads_back_into_the_same_outcomes_and_findings()
    {
        var sample = Sample();
        var read = JsonReport.Read(JsonReport.Build(sample));

        Assert.Equal(sample.Findings, read.Findings);
        Assert.Equal(sample.Outcomes.Select(o => (o.Stage, o.Outcome.Unit, o.Outcome.Status, o.Outcome.Detail, o.Outcome.Duration)),
            read.Outcomes.Select(o => (o.Stage, o.Outcome.Unit, o.Outcome.Status, o.Outcome.Detail, o.Outcome.Duration)));
        Assert.Equal(sample.Outcomes.Select(o => o.Outcome.Findings), read.Outcomes.Select(o => o.Outcome.Findings));
        Assert.Equal(JUnitReport.Build(sample).ToString(), JUnitReport.Build(read).ToString());
        Assert.Equal(SarifReport.Build(sample), SarifReport.Build(read));
    }

    [Theory]
    [InlineData("not json", "not JSON")]
    [InlineData("{}", "no \"findings\" and \"units\" arrays")]
    [InlineData("""{"findings":[],"units":[{"stage":"lint","unit":"a","status":"passed","seconds":0,"findings":[3]}]}""", "units[0].findings holds 3")]
    [InlineData("""{"findings":[],"units":[{"stage":"lint","unit":"a","status":"done","seconds":0,"findings":[]}]}""", "units[0].status is done")]
    [InlineData("""{"findings":[{"rule":"X","severity":"fatal","object":"o","file":"f","line":0,"message":"m","fix":null}],"units":[]}""", "findings[0].severity is fatal")]
    public void Json_report_that_does_not_match_is_refused_saying_where(string text, string expected)
    {
        var e = Assert.Throws<FormatException>(() => JsonReport.Read(text));
        Assert.Contains(expected, e.Message);
    }

    [Theory]
    [InlineData(UnitStatus.Passed, null, "passed")]
    [InlineData(UnitStatus.Failed, null, "failed")]
    [InlineData(UnitStatus.Failed, "time limit", "failed (time limit)")]
    [InlineData(UnitStatus.Rendered, "12 objects", "rendered 12 objects")]
    [InlineData(UnitStatus.Skipped, "remote chart: linted by its publisher", "skipped (remote chart: linted by its publisher)")]
    [InlineData(UnitStatus.NotRendered, "a value file Argo CD cannot read", "not rendered (a value file Argo CD cannot read)")]
    [InlineData(UnitStatus.NotLinted, "chart dependencies not vendored (see: charts/)", "not linted (chart dependencies not vendored (see: charts/))")]
    public void A_unit_status_is_written_as_before_and_read_back_as_the_same_status(UnitStatus status, string? detail, string text)
    {
        Assert.Equal(text, UnitStatuses.Text(status, detail));
        Assert.Equal((status, detail), UnitStatuses.Parse(text));
    }

    [Fact]
    public void Json_report_of_an_empty_run_has_empty_arrays_and_no_errors()
    {
        using var json = JsonDocument.Parse(JsonReport.Build(new RunReport()));
        Assert.Equal(0, json.RootElement.GetProperty("errors").GetInt32());
        Assert.Equal(JsonValueKind.Array, json.RootElement.GetProperty("findings").ValueKind);
        Assert.Equal(0, json.RootElement.GetProperty("findings").GetArrayLength());
        Assert.Equal(0, json.RootElement.GetProperty("units").GetArrayLength());
    }

    // ---- GitHub annotations ----

    private static RunReport OneFinding(Finding finding)
    {
        var report = new RunReport();
        report.Record("validate", "u", [finding], TimeSpan.Zero);
        return report;
    }

    [Fact]
    public void Annotations_are_enabled_only_on_GitHub_Actions()
    {
        Assert.True(GitHubAnnotations.Enabled(n => n == "GITHUB_ACTIONS" ? "true" : null));
        Assert.True(GitHubAnnotations.Enabled(n => n == "GITHUB_ACTIONS" ? "TRUE" : null));
        Assert.False(GitHubAnnotations.Enabled(n => n == "GITHUB_ACTIONS" ? "false" : null));
        Assert.False(GitHubAnnotations.Enabled(_ => null));
        Assert.False(GitHubAnnotations.Enabled(n => n == "CI" ? "true" : null));
    }

    [Fact]
    public void Annotation_levels_follow_severity_and_the_line_is_left_out_when_unknown()
    {
        var lines = GitHubAnnotations.Lines(Sample()).ToList();
        Assert.Equal(4, lines.Count);
        Assert.Equal("::error file=gitops/apps/web/values-prod.yaml,line=12,title=HELM-LINT::web-prod: replicas: got string, want integer Fix: Give replicas a number.", lines[0]);
        Assert.Equal("::warning file=gitops/apps/web/Chart.yaml,title=HELM-LINT-WARN::web-prod: icon is recommended", lines[1]);
        Assert.StartsWith("::notice file=artifacts/rendered/web-dev.yaml,line=40,title=POLICY-NOTE::", lines[3]);
    }

    [Fact]
    public void Annotation_data_escapes_percent_CR_and_LF_but_keeps_colons_and_commas()
    {
        var line = Assert.Single(GitHubAnnotations.Lines(OneFinding(new Finding("R", Severity.Error, "obj", "f.yaml", 3, "100% of 2,3: a\r\nb\nc%0A"))));

        // The data is everything after the second "::".
        var data = line[(line.IndexOf("::", 2, StringComparison.Ordinal) + 2)..];
        Assert.Equal("obj: 100%25 of 2,3: a%0D%0Ab%0Ac%250A", data);
        Assert.DoesNotContain('\n', line);
        Assert.DoesNotContain('\r', line);
    }

    [Fact]
    public void Annotation_properties_escape_colon_and_comma_as_well()
    {
        var line = Assert.Single(GitHubAnnotations.Lines(OneFinding(new Finding("RULE:a,b", Severity.Warning, "o", "C:\\x,y%z\nw.yaml", 0, "m"))));

        Assert.Equal("::warning file=C%3A\\x%2Cy%25z%0Aw.yaml,title=RULE%3Aa%2Cb::o: m", line);
        // Exactly the two separators the command itself uses remain: one "::" before the data after the command name.
        Assert.Equal(2, line.Split("::").Length - 1);
    }

    [Fact]
    public void Annotation_escaping_is_reversible_by_the_documented_unescape()
    {
        // GitHub's runner reverses the escapes (%0D, %0A, %3A, %2C, then %25); doing the same gives back the text.
        var message = "50% done: a,b\r\nnext %25 literal";
        var file = "dir,with:odd%chars.yaml";
        var line = Assert.Single(GitHubAnnotations.Lines(OneFinding(new Finding("R", Severity.Error, "o", file, 1, message))));

        static string Unescape(string s) => s.Replace("%0D", "\r").Replace("%0A", "\n").Replace("%3A", ":").Replace("%2C", ",").Replace("%25", "%");
        var properties = line[(line.IndexOf(' ') + 1)..line.IndexOf("::", 2, StringComparison.Ordinal)];
        var fileProperty = properties.Split(',').Single(p => p.StartsWith("file=", StringComparison.Ordinal))["file=".Length..];
        Assert.Equal(file, Unescape(fileProperty));
        Assert.Equal("o: " + message, Unescape(line[(line.IndexOf("::", 2, StringComparison.Ordinal) + 2)..]));
    }

    // ---- Console ----

    private static string Console(RunReport report)
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = 250;
        ConsoleReport.Write(console, report);
        return writer.ToString();
    }

    [Fact]
    public void Console_report_of_a_clean_run_says_so_with_the_counts()
    {
        var report = new RunReport();
        report.Record("lint", [new UnitOutcome("a", UnitStatus.Passed, [], TimeSpan.Zero), new UnitOutcome("b", UnitStatus.Passed, [], TimeSpan.Zero)]);
        report.Record("template", [new UnitOutcome("a", UnitStatus.Rendered, [], TimeSpan.Zero, "3 objects")]);

        Assert.Equal("No findings (3 checks over 2 units).", Console(report).Trim());
    }

    [Fact]
    public void Console_report_lists_every_finding_errors_first_with_location_fix_and_totals()
    {
        var text = Console(Sample());

        foreach (var f in new[] { LintError, LintWarning, ValidateInfo })
        {
            Assert.Contains(f.RuleId, text);
            Assert.Contains(f.Location, text);
            Assert.Contains(f.Message, text);
        }
        Assert.Contains("gitops/apps/web/values-prod.yaml:12", text);
        Assert.Contains("Fix: Give replicas a number.", text);
        Assert.Contains("second line", text); // a multi-line message is shown whole
        Assert.DoesNotContain("gitops/apps/web/Chart.yaml:0", text); // no line: the file alone
        Assert.EndsWith("2 error(s), 1 warning(s)", text.TrimEnd());

        // Errors, then warnings, then notes.
        var error = text.IndexOf("K8S-SCHEMA", StringComparison.Ordinal);
        var warning = text.IndexOf("HELM-LINT-WARN", StringComparison.Ordinal);
        var info = text.IndexOf("POLICY-NOTE", StringComparison.Ordinal);
        Assert.True(text.IndexOf("HELM-LINT ", StringComparison.Ordinal) < warning && error < warning && warning < info, text);
    }

    [Fact]
    public void Console_report_shows_markup_like_text_literally()
    {
        var text = Console(OneFinding(new Finding("R[1]", Severity.Error, "[red]obj[/]", "f.yaml", 1, "value [not markup]")));
        Assert.Contains("R[1]", text);
        Assert.Contains("[red]obj[/]", text);
        Assert.Contains("value [not markup]", text);
    }
}
