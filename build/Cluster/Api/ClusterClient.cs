using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Polly;
using k8s;
using k8s.Authentication;

namespace GitOps.Build.Cluster.Api;

/// <summary>
/// Raw access to the Kubernetes API through the official client's HttpClient and credentials
/// (TLS, client certificates, tokens and exec credential plugins all come from KubernetesClient).
/// Raw requests keep us generic: any apiVersion/kind from discovery, server-side apply, the
/// service proxy and streaming watches, without generated models. Every call runs through
/// <see cref="RetryPipeline"/>; transient answers are retried until the caller's token ends.
/// </summary>
public sealed class ClusterClient : IDisposable
{
    public const string ApplyPatchContentType = "application/apply-patch+yaml";

    private readonly IKubernetes? _owner;
    private readonly HttpClient _http;
    private readonly ServiceClientCredentials? _credentials;
    private readonly string _base;
    private readonly ResiliencePipeline _pipeline;
    private readonly ClusterTls _tls;

    public ClusterClient(Kubernetes kubernetes, ClusterOptions options, string? contextName, ClusterTls? tls = null)
    {
        _tls = tls ?? ClusterTls.None;
        _owner = kubernetes;
        _http = kubernetes.HttpClient;
        _credentials = kubernetes.Credentials;
        _base = kubernetes.BaseUri.ToString().TrimEnd('/');
        Options = options;
        ContextName = contextName;
        _pipeline = RetryPipeline.Create(options, OnRetry);
    }

    public ClusterOptions Options { get; }

    /// <summary>The API server URL, for messages.</summary>
    public string Server => _base;

    public string? ContextName { get; }

    /// <summary>
    /// The one warning for a kubeconfig whose cluster skips certificate verification (insecure-skip-tls-verify);
    /// null when the certificate is verified (or the server is plain http://).
    /// </summary>
    public string? InsecureTlsWarning => _tls.SkipsVerification
        ? $"The API server's certificate at {_base} is not verified: the kubeconfig's cluster for {ContextText} sets insecure-skip-tls-verify: true, " +
          "so anyone on the network path can pose as the cluster and read what this target sends, Secrets included. " +
          "Fix: remove insecure-skip-tls-verify from that cluster and set its certificate-authority-data to the cluster's CA certificate " +
          "(kubectl config set-cluster <cluster> --certificate-authority=ca.crt --embed-certs --insecure-skip-tls-verify=false)."
        : null;

    private string ContextText => ContextName is null ? "the current context" : $"context '{ContextName}'";

    /// <summary>The last transient failure seen, so a timeout can say why it kept retrying.</summary>
    public string? LastTransientProblem { get; private set; }

    /// <summary>How many attempts were retried in this client's life (tests and verbose logs read it).</summary>
    public int RetryCount { get; private set; }

    /// <summary>Raised before each retry with a one-line description (wire it to a verbose log).</summary>
    public event Action<string>? Retrying;

    private void OnRetry(Exception e, TimeSpan delay, int attempt)
    {
        LastTransientProblem = RetryPipeline.Describe(e);
        RetryCount++;
        Retrying?.Invoke($"API call failed ({LastTransientProblem}); retry {attempt} in {delay.TotalSeconds:0.0}s");
    }

    /// <summary>Sends one request; returns any non-transient answer (the caller decides what a 404 means).</summary>
    public async Task<ClusterResponse> SendAsync(HttpMethod method, string path, string? body, string? contentType, CancellationToken ct)
    {
        return await _pipeline.ExecuteAsync(async token =>
        {
            using var request = await BuildRequestAsync(method, path, body, contentType, token);
            using var response = await SendOnceAsync(request, HttpCompletionOption.ResponseContentRead, token);
            var text = await response.Content.ReadAsStringAsync(token);
            var answer = new ClusterResponse(response.StatusCode, text) { Sent = body };
            ThrowIfTransient(response, answer);
            return answer;
        }, ct);
    }

    /// <summary>Opens a streaming response (a watch). Transient failures to open are retried; the caller owns the response.</summary>
    public async Task<HttpResponseMessage> OpenStreamAsync(string path, string what, CancellationToken ct)
    {
        return await _pipeline.ExecuteAsync(async token =>
        {
            using var request = await BuildRequestAsync(HttpMethod.Get, path, null, null, token);
            var response = await SendOnceAsync(request, HttpCompletionOption.ResponseHeadersRead, token);
            if (response.IsSuccessStatusCode) return response;
            using (response)
            {
                var answer = new ClusterResponse(response.StatusCode, await response.Content.ReadAsStringAsync(token));
                ThrowIfTransient(response, answer);
                throw ClusterErrors.Permanent(answer, "watch", null, null, this, what);
            }
        }, ct);
    }

    public Task<ClusterResponse> GetAsync(string path, CancellationToken ct) => SendAsync(HttpMethod.Get, path, null, null, ct);

    /// <summary>GET an object; null when it does not exist; other errors name the object.</summary>
    public async Task<JsonObject?> ReadAsync(string path, ObjectRef subject, CancellationToken ct)
    {
        var r = await GetAsync(path, ct);
        if (r.Status == HttpStatusCode.NotFound) return null;
        if (!r.IsSuccess) throw ClusterErrors.Permanent(r, "read", subject, null, this);
        return r.Json();
    }

    /// <summary>LIST a collection (optionally by label selector); returns the items and the list's resourceVersion.</summary>
    public async Task<(IReadOnlyList<JsonObject> Items, string ResourceVersion)> ListAsync(string collectionPath, string? labelSelector, string what, CancellationToken ct)
    {
        var path = labelSelector is null ? collectionPath : $"{collectionPath}?labelSelector={Uri.EscapeDataString(labelSelector)}";
        var r = await GetAsync(path, ct);
        if (!r.IsSuccess) throw ClusterErrors.Permanent(r, "list", null, null, this, what);
        var json = r.Json();
        var items = json["items"]?.AsArray().OfType<JsonObject>().ToList() ?? [];
        var rv = json["metadata"]?["resourceVersion"]?.GetValue<string>() ?? "";
        return (items, rv);
    }

    /// <summary>DELETE an object; a missing object counts as deleted.</summary>
    public async Task DeleteAsync(string path, ObjectRef subject, CancellationToken ct)
    {
        var r = await SendAsync(HttpMethod.Delete, path, null, null, ct);
        if (r.IsSuccess || r.Status == HttpStatusCode.NotFound) return;
        throw ClusterErrors.Permanent(r, "delete", subject, null, this);
    }

    private async Task<HttpRequestMessage> BuildRequestAsync(HttpMethod method, string path, string? body, string? contentType, CancellationToken ct)
    {
        var request = new HttpRequestMessage(method, new Uri(_base + path));
        request.Headers.Accept.ParseAdd("application/json");
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType ?? "application/json");
        }
        if (_credentials is not null) await _credentials.ProcessHttpRequestAsync(request, ct);
        return request;
    }

    /// <summary>One HTTP attempt; a refused TLS handshake becomes a <see cref="ClusterTlsException"/>, which is never retried.</summary>
    private async Task<HttpResponseMessage> SendOnceAsync(HttpRequestMessage request, HttpCompletionOption completion, CancellationToken ct)
    {
        try
        {
            return await _http.SendAsync(request, completion, ct);
        }
        catch (HttpRequestException e) when (ClusterTls.IsHandshakeFailure(e))
        {
            throw TlsFailure(e);
        }
    }

    private ClusterTlsException TlsFailure(HttpRequestException e)
    {
        var where = $"the API server at {_base} ({ContextText})";
        if (_tls.LastRefusal is { } r)
            return new ClusterTlsException(
                $"TLS certificate check failed ({r.Check}) for {where}: {r.Detail}. Not retried: this does not fix itself. Fix: {r.Fix}.", r, e);
        var reason = e.InnerException?.Message ?? e.Message;
        return new ClusterTlsException(
            $"TLS handshake failed for {where}: {reason}. Not retried: this does not fix itself. " +
            "Fix: check certificate-authority-data of the kubeconfig's cluster and the client-certificate-data/client-key-data of its user, or pick the right --context.", null, e);
    }

    private static void ThrowIfTransient(HttpResponseMessage response, ClusterResponse answer)
    {
        var code = (int)response.StatusCode;
        if (code != 429 && code is < 500 or > 599) return;
        // 501 Not Implemented is permanent: retrying cannot add a feature to the server.
        if (code == 501) return;
        TimeSpan? after = response.Headers.RetryAfter?.Delta
            ?? (response.Headers.RetryAfter?.Date is { } d ? d - DateTimeOffset.UtcNow : null);
        throw new TransientApiException(response.StatusCode, answer.StatusMessage, after);
    }

    public void Dispose() => (_owner as IDisposable)?.Dispose();
}
