using GitOps.Build.Cluster.Api;

namespace GitOps.Build.Cluster.Wait;

/// <summary>
/// Waits until Deployments/StatefulSets are available, polling their status with a growing interval.
/// (A handful of objects for a few seconds: polling is simpler and as quick as a watch here.)
/// </summary>
public sealed class RolloutWaiter(ClusterClient client)
{
    public TimeSpan FirstInterval { get; init; } = TimeSpan.FromMilliseconds(100);
    public TimeSpan MaxInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Returns when all are ready; on cancellation <paramref name="lastDetails"/> holds why each is not.</summary>
    public async Task WaitAsync(IReadOnlyList<WorkloadRef> workloads, IDictionary<WorkloadRef, string> lastDetails, Action<WorkloadRef, string>? onReady, CancellationToken ct)
    {
        var pending = workloads.ToList();
        var interval = FirstInterval;
        while (true)
        {
            foreach (var w in pending.ToList())
            {
                var (ready, detail) = WorkloadReadiness.Evaluate(w.Kind, await client.ReadAsync(w.Path, w.Ref, ct));
                lastDetails[w] = detail;
                if (!ready) continue;
                pending.Remove(w);
                onReady?.Invoke(w, detail);
            }
            if (pending.Count == 0) return;
            await Task.Delay(interval, ct);
            interval = TimeSpan.FromMilliseconds(Math.Min(interval.TotalMilliseconds * 1.5, MaxInterval.TotalMilliseconds));
        }
    }
}
