using System.Text.Json;
using System.Text.Json.Nodes;
using GitOps.Build.Cluster.Api;

namespace GitOps.Build.Cluster.Wait;

/// <summary>
/// Follows Argo CD Applications with a LIST then a WATCH from the list's resourceVersion (no sleep loop),
/// until every automated Application is Synced and Healthy. A watch that ends or breaks is resumed; a
/// watch the server expired (410) or a broken one starts again from a fresh LIST.
/// </summary>
public sealed class ApplicationWatcher(ClusterClient client)
{
    public const string ApplicationsApiVersion = "argoproj.io/v1alpha1";

    /// <summary>How many times a watch was resumed after breaking (for logs and tests).</summary>
    public int Resumes { get; private set; }

    public event Action<string>? Resuming;

    /// <summary>
    /// Watches until done. On cancellation, <paramref name="last"/> holds the latest states for the report.
    /// <paramref name="required"/> names Applications that must exist before "done" can hold (the root app).
    /// </summary>
    public async Task<ApplicationsOutcome> WatchAsync(
        string ns, IReadOnlyCollection<string> required, IApplicationProgress progress, StrongBox<ApplicationsOutcome> last, CancellationToken ct)
    {
        var collection = $"/apis/{ApplicationsApiVersion}/namespaces/{Uri.EscapeDataString(ns)}/applications";
        var apps = new Dictionary<string, ApplicationState>(StringComparer.Ordinal);

        bool Publish()
        {
            var outcome = new ApplicationsOutcome(apps.Values.OrderBy(a => a.Name, StringComparer.Ordinal).ToList());
            last.Value = outcome;
            progress.Update(outcome.Applications);
            return outcome.AllAutomatedGreen && required.All(apps.ContainsKey);
        }

        while (true)
        {
            var (items, rv) = await client.ListAsync(collection, null, $"Applications in namespace {ns}", ct);
            apps.Clear();
            foreach (var item in items) { var s = ApplicationState.From(item); apps[s.Name] = s; }
            if (Publish()) return last.Value!;

            try
            {
                // Resume from the last seen resourceVersion while the stream ends cleanly (the server's timeout).
                while (true)
                {
                    using var idle = CancellationTokenSource.CreateLinkedTokenSource(ct);
                    idle.CancelAfter(client.Options.WatchIdleTimeout);
                    using var response = await client.OpenStreamAsync($"{collection}?watch=true&allowWatchBookmarks=true&timeoutSeconds=60&resourceVersion={Uri.EscapeDataString(rv)}", $"Applications in namespace {ns}", ct);
                    await using var stream = await response.Content.ReadAsStreamAsync(ct);
                    using var reader = new StreamReader(stream);
                    string? line;
                    while ((line = await ReadLineAsync(reader, idle, ct)) is not null)
                    {
                        idle.CancelAfter(client.Options.WatchIdleTimeout);
                        if (line.Length == 0) continue;
                        var evt = JsonNode.Parse(line) as JsonObject;
                        var type = evt?["type"]?.GetValue<string>();
                        if (evt?["object"] is not JsonObject obj) continue;
                        if (type == "ERROR")
                        {
                            // 410 Gone: our resourceVersion is too old. Anything else: start over too.
                            throw new WatchExpiredException((int)(JsonNumbers.Long(obj["code"]) ?? 0));
                        }
                        rv = obj["metadata"]?["resourceVersion"]?.GetValue<string>() ?? rv;
                        if (type == "BOOKMARK") continue;
                        var state = ApplicationState.From(obj);
                        if (type == "DELETED") apps.Remove(state.Name); else apps[state.Name] = state;
                        if (Publish()) return last.Value!;
                    }
                    // The server ended the stream (its timeout, or a connection closed between events): resume.
                    Resumes++;
                    Resuming?.Invoke($"watch of Applications ended at resourceVersion {rv}; resuming");
                }
            }
            catch (Exception e) when (!ct.IsCancellationRequested && e is IOException or HttpRequestException or WatchExpiredException or JsonException)
            {
                Resumes++;
                Resuming?.Invoke($"watch of Applications broke ({e.Message}); listing again and resuming");
            }
        }
    }

    /// <summary>Reads one line; a watch silent for longer than the idle timeout counts as broken.</summary>
    private async Task<string?> ReadLineAsync(StreamReader reader, CancellationTokenSource idle, CancellationToken ct)
    {
        try
        {
            return await reader.ReadLineAsync(idle.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new IOException($"no event for {client.Options.WatchIdleTimeout.TotalSeconds:0.#}s");
        }
    }

    private sealed class WatchExpiredException(int code) : Exception($"watch expired (code {code})");
}

/// <summary>A mutable holder, so a cancelled watch can still hand back what it saw last.</summary>
public sealed class StrongBox<T>
{
    public T? Value { get; set; }
}
