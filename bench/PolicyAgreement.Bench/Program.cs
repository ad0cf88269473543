using System.Text.RegularExpressions;
using GitOps.Build.Checks;
using GitOps.Build.Checks.Policy;
using GitOps.Build.Config;
using GitOps.Build.Findings;
using GitOps.Build.GitOps;
using GitOps.Build.Manifests;

// Reads kube-linter's own check fixtures (tests/checks/<check>.yml in a checkout of it) and its
// end-to-end expectations (e2etests/bats-tests.sh: how many reports each check makes), runs our
// policy rules over every object of each fixture under the baseline profile in an environment
// that requires immutable tags and anti-affinity, and counts the objects on which both agree
// (both report, or neither). The fixtures are data read at development time; none is committed.
// What kube-linter expects of an object: its fixtures name the objects that must stay silent
// "dont-fire..."; the bench checks that this convention gives the report count bats asserts, and
// says so where it does not.
if (args.Length != 1 || !Directory.Exists(Path.Combine(args[0], "tests", "checks")))
{
    Console.Error.WriteLine("usage: policy-agreement.sh <kube-linter checkout>");
    return 2;
}
var checkout = args[0];
var bats = File.ReadAllText(Path.Combine(checkout, "e2etests", "bats-tests.sh"));

// kube-linter check → our rule, and whether only an error counts (privilege asked for outright is
// an error under the baseline profile; unset is a warning kube-linter has no check for).
var mapping = new (string Check, Rule Rule, bool ErrorOnly)[]
{
    ("run-as-non-root", Rules.RunAsNonRoot, false),
    ("privileged-container", Rules.NoPrivilegeEscalation, true),
    ("privilege-escalation-container", Rules.NoPrivilegeEscalation, true),
    ("no-read-only-root-fs", Rules.ReadOnlyRootFilesystem, false),
    ("drop-net-raw-capability", Rules.DropAllCapabilities, false),
    ("unset-cpu-requirements", Rules.ResourceRequests, false),
    ("unset-memory-requirements", Rules.ResourceLimits, false),
    ("no-liveness-probe", Rules.LivenessProbe, false),
    ("no-readiness-probe", Rules.ReadinessProbe, false),
    ("no-anti-affinity", Rules.AntiAffinity, false),
    ("latest-tag", Rules.MutableImageTag, false),
};

var environment = new EnvironmentPolicy("prod", "apps", AutoSync: false, ImmutableTags: true) { Profile = "baseline", RequireAntiAffinity = true };
var options = CheckOptions.Default with { Profile = PolicyProfile.Baseline };
var application = new ArgoApplication(ManifestReader.Read("""
    apiVersion: argoproj.io/v1alpha1
    kind: Application
    metadata: {name: fixture, namespace: argocd}
    spec:
      project: default
      source: {repoURL: https://example.org/repo.git, path: fixture}
      destination: {server: https://kubernetes.default.svc, namespace: apps}
    """, "fixture.yaml")[0]);

int agreed = 0, total = 0;
foreach (var (check, rule, errorOnly) in mapping)
{
    var file = Directory.GetFiles(Path.Combine(checkout, "tests", "checks"), check + ".y*ml").SingleOrDefault();
    if (file == null)
    {
        Console.WriteLine($"{check}: no fixture");
        continue;
    }
    var objects = ManifestReader.Read(File.ReadAllText(file), file)
        .Select(o => new CheckedObject(o, file, application, "apps", environment)).ToList();
    var expected = objects.Where(o => !o.Manifest.Name.StartsWith("dont-fire", StringComparison.Ordinal)).ToList();
    var count = Regex.Match(bats, $@"@test ""{Regex.Escape(check)}""[\s\S]*?\[\[ ""\$\{{count\}}"" == ""(\d+)"" \]\]");
    var note = count.Success && int.Parse(count.Groups[1].Value) != expected.Count
        ? $" (bats counts {count.Groups[1].Value} reports where {expected.Count} objects are not dont-fire: by its messages every object reports)"
        : "";
    if (note.Length > 0 && check == "drop-net-raw-capability") expected = objects; // its dont-fire objects drop nothing either
    var line = new List<string>();
    int checkAgreed = 0;
    foreach (var target in objects)
    {
        var sink = new FindingSink(options);
        PolicyChecks.Check([target], options, sink);
        var fired = sink.Unsuppressed([target]).Any(f => f.RuleId == rule.Id && (!errorOnly || f.Severity == Severity.Error));
        var wanted = expected.Contains(target);
        total++;
        if (fired == wanted) { agreed++; checkAgreed++; }
        else line.Add($"{target.Manifest.Kind}/{target.Manifest.Name}: kube-linter {(wanted ? "reports" : "is silent")}, we {(fired ? "report" : "are silent")}");
    }
    Console.WriteLine($"{check} -> {rule.Id}: {checkAgreed} of {objects.Count}{note}");
    foreach (var l in line) Console.WriteLine("    " + l);
}
Console.WriteLine($"agreement: {agreed} of {total} fixture objects");
return 0;
