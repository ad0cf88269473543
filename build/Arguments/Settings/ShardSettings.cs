using GitOps.Build.Hosting;
using GitOps.Build.Sharding;

namespace GitOps.Build.Arguments.Settings;

/// <summary>--shard / --durations: this run is one job of a CI matrix (Lint, Template, Validate, CI).</summary>
public sealed class ShardSettings : ICheckedSettings
{
    [Argument("shard", "Only job k of n: a deterministic share of the render units (job 1 also runs the repository-wide checks); MergeReports joins the jobs' reports.", Value = "k/n")]
    public string? Shard { get; set; }

    [Argument("durations", "Balance --shard by the seconds per unit a run recorded (its artifacts/reports/durations.json); give every job the same file. Without it units are dealt by a hash of their id.",
        Value = "file", Path = ArgumentPath.FromWorkingDirectory)]
    public string? Durations { get; set; }

    /// <summary>The shard; null when the run is not sharded.</summary>
    public ShardSpec? Spec { get; private set; }

    public void Check(ArgumentBinder binder)
    {
        if (Shard is { } text)
        {
            Spec = ShardSpec.Parse(text, out var problem)
                   ?? throw new UsageException($"--shard={text} {problem}; write it as {ShardSpec.Form}.");
        }
        // The file itself is read in the pre-run check (UnitDurations.ReadFile).
        if (Durations is { } file && Spec is null)
            throw new UsageException($"--durations={file} balances --shard, which is not given; add --shard=k/n or leave --durations out.");
    }
}
