using Durations = GitOps.Build.Primitives.Duration;
using GitOps.Build.Cluster.Api;

namespace GitOps.Build.Cluster.Operations;

/// <summary>
/// One cluster target's run: the client, its --timeout deadline and log. Each step names what it is
/// doing, so when the budget ends the error says where it stopped and the last problem it retried.
/// </summary>
public sealed class ClusterRun : IDisposable
{
    private readonly ClusterDeadline _deadline;

    public ClusterRun(ClusterClient client, IClusterLog log, CancellationToken cancel)
    {
        Client = client;
        Log = log;
        _deadline = new ClusterDeadline(client.Options.Timeout, cancel, client.Options.Clock);
        Client.Retrying += log.Verbose;
    }

    public ClusterClient Client { get; }
    public IClusterLog Log { get; }
    public CancellationToken Token => _deadline.Token;

    public async Task<T> StepAsync<T>(string doing, Func<CancellationToken, Task<T>> body, Func<string?>? why = null)
    {
        try
        {
            return await body(_deadline.Token);
        }
        catch (OperationCanceledException e) when (_deadline.Expired)
        {
            var extra = why?.Invoke();
            var last = Client.LastTransientProblem;
            throw _deadline.Explain(e, doing, string.Join("; ", new[] { last, extra }.Where(s => !string.IsNullOrEmpty(s))) is { Length: > 0 } s ? s : null);
        }
    }

    public Task StepAsync(string doing, Func<CancellationToken, Task> body, Func<string?>? why = null) =>
        StepAsync<bool>(doing, async ct => { await body(ct); return true; }, why);

    /// <summary>Proves the API server answers (GET /version) before anything is changed or written.</summary>
    public async Task ConnectAsync()
    {
        if (Client.InsecureTlsWarning is { } insecure) Log.Warning(insecure);
        try
        {
            var r = await Client.GetAsync("/version", _deadline.Token);
            if (!r.IsSuccess) throw ClusterErrors.Permanent(r, "read", null, null, Client, "the server version");
            var v = r.Json()["gitVersion"]?.GetValue<string>();
            Log.Verbose($"Connected to {Client.Server} (Kubernetes {v ?? "unknown version"}).");
        }
        catch (OperationCanceledException e) when (_deadline.Expired)
        {
            var ctx = Client.ContextName is null ? "" : $" (context '{Client.ContextName}')";
            throw new ClusterTimeoutException(
                $"Cannot reach the cluster at {Client.Server}{ctx} within {Durations.Format(_deadline.Timeout)}: {Client.LastTransientProblem ?? "no answer"}. " +
                "Fix: check --kubeconfig and --context, and that the API server is reachable from here. Nothing was changed or written.", e);
        }
    }

    public void Dispose()
    {
        Client.Retrying -= Log.Verbose;
        _deadline.Dispose();
    }
}
