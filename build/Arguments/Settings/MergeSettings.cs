using GitOps.Build.Hosting;
using GitOps.Build.Reporting;

namespace GitOps.Build.Arguments.Settings;

/// <summary>--input of MergeReports: the folders holding each --shard job's reports, read before the run starts.</summary>
public sealed class MergeSettings : ICheckedSettings
{
    [Argument("input", "The folders holding each --shard job's artifacts/reports (findings.json in it, or in its reports/ or artifacts/reports/), comma-separated.",
        Value = "dir[,dir...]", Required = true)]
    public string Input { get; set; } = "";

    /// <summary>
    /// Where the merged reports go: declared here so that MergeReports takes --artifacts without the
    /// rendering arguments it has no use for; the run reads it through RenderSettings as every run does.
    /// </summary>
    [Argument("artifacts", "Where the merged reports go (in its reports/), relative to the repository this program runs from.", Value = "dir")]
    public string Artifacts { get; set; } = "artifacts";

    /// <summary>Each job's report as its findings.json holds it, in the order given.</summary>
    public IReadOnlyList<(string File, RunReport Report)> Reports { get; private set; } = [];

    /// <summary>What the jobs' Applications deploy (each job's objects.json, beside its findings.json), for the overlap check.</summary>
    public IReadOnlyList<Checks.Consistency.DeployedObject> Objects { get; private set; } = [];

    public void Check(ArgumentBinder binder)
    {
        var folders = Input.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (folders.Length == 0) throw new UsageException("--input= names no folder; give the folders holding each shard's reports, e.g. --input=shard-1,shard-2.");
        var reports = new List<(string, RunReport)>();
        var objects = new List<Checks.Consistency.DeployedObject>();
        var problems = new List<string>();
        foreach (var folder in folders.Distinct())
        {
            var full = Path.GetFullPath(folder, binder.WorkingDirectory);
            if (!Directory.Exists(full)) { problems.Add($"--input={folder}: no such folder."); continue; }
            var file = new[] { full, Path.Combine(full, "reports"), Path.Combine(full, "artifacts", "reports") }
                .Select(dir => Path.Combine(dir, "findings.json")).FirstOrDefault(File.Exists);
            if (file is null)
            {
                problems.Add($"--input={folder}: no reports in it (no findings.json there, nor in reports/ or artifacts/reports/); give the folder a shard's artifacts/reports were downloaded to.");
                continue;
            }
            try { reports.Add((file, JsonReport.Read(ReportFields.ReadFile(file)))); }
            catch (FormatException e) { problems.Add($"--input={folder}: {file} is not a findings.json a run wrote: {e.Message}."); }
            var objectsFile = Path.Combine(Path.GetDirectoryName(file)!, Checks.Consistency.DeployedObject.FileName);
            if (!File.Exists(objectsFile))
            {
                problems.Add($"--input={folder}: no {Checks.Consistency.DeployedObject.FileName} beside {Path.GetFileName(file)}; give the reports of a --shard job (it writes both).");
                continue;
            }
            try { objects.AddRange(Checks.Consistency.DeployedObject.Read(ReportFields.ReadFile(objectsFile))); }
            catch (FormatException e) { problems.Add($"--input={folder}: {objectsFile} is not an objects.json a --shard job wrote: {e.Message}."); }
        }
        if (problems.Count > 0) throw new UsageException(string.Join("\n", problems));
        Reports = reports;
        Objects = objects;
    }
}
