using System.Text.Json.Nodes;
using GitOps.Build.Checks.Consistency;
using GitOps.Build.Findings;
using GitOps.Build.Reporting;
using GitOps.Build.Tests.Hosting;
using GitOps.Build.Tests.Sealing;

namespace GitOps.Build.Tests.Reporting;

/// <summary>
/// MergeReports reads files anyone who can upload a job's artifacts could have written. Each case
/// changes one field of a report a run wrote into what a run never writes (a duration that overflows,
/// a path out of the repository, a NUL, a line number past any file, a rule id holding a workflow
/// command); the run is refused before anything runs (exit 2), naming the file and the field, and
/// writes nothing.
/// </summary>
[Collection(ConsoleCapture.Name)]
public sealed class CraftedReportTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("crafted-").FullName;

    private static JsonObject ValidReport()
    {
        var report = new RunReport();
        report.Record("validate", "web-prod", [new Finding("POL-RUN-AS-USER", Severity.Error, "Deployment/web", "charts/web/templates/deploy.yaml", 12, "runs as root", "Set runAsUser.")],
            TimeSpan.FromSeconds(2));
        return JsonNode.Parse(JsonReport.Build(report))!.AsObject();
    }

    private static JsonObject ValidObjects() => JsonNode.Parse(DeployedObject.Write(
        [new DeployedObject(0, 0, "web-prod", "https://kubernetes.default.svc", "apps/Deployment/web/web", "Deployment/web/web", "charts/web/templates/deploy.yaml", 3, 1, "", false)]))!.AsObject();

    public static readonly TheoryData<string, string, string, string> Cases = new()
    {
        // file, pointer into it (JSON path as segments), crafted value (JSON), the field the message names
        { "findings.json", "units/0/seconds", "1e308", "units[0].seconds" },
        { "findings.json", "units/0/seconds", "-5", "units[0].seconds" },
        { "findings.json", "findings/0/file", "\"../../../etc/passwd\"", "findings[0].file" },
        { "findings.json", "findings/0/file", "\"/etc/passwd\"", "findings[0].file" },
        { "findings.json", "findings/0/message", "\"before\\u0000after\"", "findings[0].message" },
        { "findings.json", "findings/0/line", "1e12", "findings[0].line" },
        { "findings.json", "findings/0/line", "2.5", "findings[0].line" },
        { "findings.json", "findings/0/rule", "\"X\\n::error title=Forged::owned\"", "findings[0].rule" },
        { "findings.json", "findings/0/object", "\"web\\r::error::forged\"", "findings[0].object" },
        { "findings.json", "units/0", "[1, 2]", "units[0].seconds" },
        { "objects.json", "objects/0/file", "\"../outside.yaml\"", "objects[0].file" },
        { "objects.json", "objects/0/line", "99999999999", "objects[0].line" },
        { "objects.json", "objects/0/identity", "\"a\\u0000b\"", "objects[0].identity" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_crafted_field_is_refused_naming_the_file_and_the_field(string file, string pointer, string value, string field)
    {
        var reports = Path.Combine(_folder, "shard-1", "reports");
        Directory.CreateDirectory(reports);
        var (findings, objects) = (ValidReport(), ValidObjects());
        Set(file == "findings.json" ? findings : objects, pointer, JsonNode.Parse(value));
        File.WriteAllText(Path.Combine(reports, "findings.json"), findings.ToJsonString());
        File.WriteAllText(Path.Combine(reports, "objects.json"), objects.ToJsonString());

        var harness = new HostHarness();
        var code = harness.RunProgram("--target=MergeReports", $"--artifacts={Path.Combine(_folder, "artifacts")}", $"--input={Path.Combine(_folder, "shard-1")}");

        Assert.True(code == 2, harness.Output);
        Assert.Contains(Path.Combine(reports, file), harness.Output);
        Assert.Contains(field, harness.Output);
        Assert.False(Directory.Exists(Path.Combine(_folder, "artifacts")));
        Assert.DoesNotContain(harness.Output.Split('\n', '\r'), l => l.TrimStart().StartsWith("::", StringComparison.Ordinal));
    }

    /// <summary>A key written twice: JSON parsers disagree on which one counts, so a report that holds one is not one a run wrote.</summary>
    [Theory]
    [InlineData("findings.json", "{\"findings\": [], ")]
    [InlineData("objects.json", "{\"objects\": [], ")]
    [InlineData("findings.json", null)]
    public void A_report_with_a_key_twice_is_refused_naming_the_file(string file, string? prefix)
    {
        var reports = Path.Combine(_folder, "shard-2", "reports");
        Directory.CreateDirectory(reports);
        var texts = new Dictionary<string, string> { ["findings.json"] = ValidReport().ToJsonString(), ["objects.json"] = ValidObjects().ToJsonString() };
        // Either a top-level key again before the real one, or a field of a finding twice (its line: 12, then 13).
        texts[file] = prefix != null ? prefix + texts[file][1..] : texts[file].Replace("\"line\":12", "\"line\":12,\"line\":13");
        Assert.NotEqual(prefix == null ? ValidReport().ToJsonString() : "", texts[file]);
        foreach (var (name, text) in texts) File.WriteAllText(Path.Combine(reports, name), text);

        var harness = new HostHarness();
        var code = harness.RunProgram("--target=MergeReports", $"--artifacts={Path.Combine(_folder, "artifacts")}", $"--input={Path.Combine(_folder, "shard-2")}");

        Assert.True(code == 2, harness.Output);
        Assert.Contains(Path.Combine(reports, file), harness.Output);
        Assert.Contains("twice", harness.Output);
        Assert.False(Directory.Exists(Path.Combine(_folder, "artifacts")));
    }

    [Fact]
    public void Durations_with_a_unit_twice_are_refused_before_the_run()
    {
        var durations = Path.Combine(_folder, "durations.json");
        File.WriteAllText(durations, "{\"version\": 1, \"units\": {\"web\": 1.5, \"web\": 900}}");

        var harness = new HostHarness();
        var code = harness.RunProgram("--target=CI", $"--root={TestTools.RepoRoot}", "--shard=1/2", $"--durations={durations}", $"--artifacts={Path.Combine(_folder, "artifacts")}");

        Assert.True(code == 2, harness.Output);
        Assert.Contains("--durations=", harness.Output);
        Assert.Contains("twice", harness.Output);
    }

    [Fact]
    public void The_reports_a_run_writes_are_read_back_whole()
    {
        var read = JsonReport.Read(ValidReport().ToJsonString());
        var finding = Assert.Single(read.Findings);
        Assert.Equal(("POL-RUN-AS-USER", "charts/web/templates/deploy.yaml", 12), (finding.RuleId, finding.File, finding.Line));
        Assert.Equal(TimeSpan.FromSeconds(2), Assert.Single(read.Outcomes).Outcome.Duration);
        Assert.Equal(3, Assert.Single(DeployedObject.Read(ValidObjects().ToJsonString())).Line);
    }

    private static void Set(JsonNode root, string pointer, JsonNode? value)
    {
        var segments = pointer.Split('/');
        var parent = segments[..^1].Aggregate(root, (node, s) => int.TryParse(s, out var i) ? node[i]! : node[s]!);
        if (int.TryParse(segments[^1], out var index)) parent[index] = value;
        else parent[segments[^1]] = value;
    }

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
