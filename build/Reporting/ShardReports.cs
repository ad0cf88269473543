using GitOps.Build.Checks.Consistency;
using GitOps.Build.IO;
using GitOps.Build.Primitives;

namespace GitOps.Build.Reporting;

/// <summary>
/// What the jobs of a --shard run left for MergeReports: each job's report as its findings.json holds
/// it (in the order given), and what the jobs' Applications deploy (each job's objects.json beside
/// it, for the overlap check no single job could run).
/// </summary>
public sealed record ShardReports(IReadOnlyList<(string File, RunReport Report)> Reports, IReadOnlyList<DeployedObject> Objects)
{
    /// <summary>Reads the folders of --input (findings.json in each, or in its reports/ or artifacts/reports/).</summary>
    /// <param name="workingDirectory">What relative folders are relative to: where the operator stands.</param>
    /// <exception cref="InputException">Every folder that is missing or holds no reports a --shard job wrote, one line each.</exception>
    public static ShardReports Read(IReadOnlyList<string> folders, string workingDirectory)
    {
        var reports = new List<(string, RunReport)>();
        var objects = new List<DeployedObject>();
        var problems = new List<string>();
        foreach (var folder in folders)
        {
            var full = Path.GetFullPath(folder, workingDirectory);
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
            var objectsFile = Path.Combine(Path.GetDirectoryName(file)!, DeployedObject.FileName);
            if (!File.Exists(objectsFile))
            {
                problems.Add($"--input={folder}: no {DeployedObject.FileName} beside {Path.GetFileName(file)}; give the reports of a --shard job (it writes both).");
                continue;
            }
            try { objects.AddRange(DeployedObject.Read(ReportFields.ReadFile(objectsFile))); }
            catch (FormatException e) { problems.Add($"--input={folder}: {objectsFile} is not an objects.json a --shard job wrote: {e.Message}."); }
        }
        if (problems.Count > 0) throw new InputException(string.Join("\n", problems));
        return new ShardReports(reports, objects);
    }

    /// <summary>
    /// The jobs' reports as one (<see cref="ReportMerge.Merge"/>), with the overlap check no single job
    /// could run over the objects every job's Applications deploy, as Validate's repository row.
    /// </summary>
    public RunReport Merged()
    {
        var overlaps = new RunReport();
        overlaps.Record("validate", "repository", OverlapRule.Findings(Objects).ToList(), TimeSpan.Zero);
        return ReportMerge.Merge(Reports.Select(r => r.Report).Append(overlaps));
    }
}
