// ============================================================================================
// TEST DOUBLE - NOT A CONFORMANCE IMPLEMENTATION.
// An in-process stand-in for the Kubernetes API server, just good enough for the cluster targets'
// tests: discovery, object storage with resourceVersion, label selectors, server-side apply with
// create-or-merge semantics, DELETE, WATCH, a service proxy to an emulated Sealed Secrets
// controller, emulated Deployment/StatefulSet readiness and a simulated Argo CD. It skips
// authentication, admission, validation, field ownership and much more. Behaviour proven here must
// also be proven against a real cluster (the opt-in suite, RUN_CLUSTER_TESTS=1).
// ============================================================================================
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GitOps.Build.Tests.Emulator;

/// <summary>Starts the emulated API server on 127.0.0.1 (random port, plain HTTP or HTTPS with a given certificate) and exposes its knobs.</summary>
public sealed class KubeApiEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Channel<WatchEvent> _events = Channel.CreateUnbounded<WatchEvent>(new UnboundedChannelOptions { SingleReader = true });
    private Task? _dispatcher;
    private int _connections;
    private int _pending; // changes not yet handled by the controllers plus delayed actions not yet run

    private KubeApiEmulator(EmulatorTiming timing, X509Certificate2? certificate)
    {
        Timing = timing;
        Workloads = new WorkloadSimulator(this);
        Argo = new SimulatedArgoCd(this);
        SealedSecrets = new SimulatedSealedSecretsController(this);
        Proxy = new ServiceProxy(this);
        Workloads.PodStarting += SealedSecrets.OnPodStarting;
        // The controllers react in order, off the request threads, like real controllers watching.
        Store.Changed += e =>
        {
            Interlocked.Increment(ref _pending);
            if (!_events.Writer.TryWrite(e)) Interlocked.Decrement(ref _pending); // stopping
        };

        foreach (var ns in new[] { "default", "kube-system" })
            Store.Upsert(ResourceCatalog.Namespaces, null, ns, _ => new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace" });

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0, listen =>
        {
            // Counted before TLS: a refused handshake is an attempt that never becomes a request.
            listen.Use(next => connection => { Interlocked.Increment(ref _connections); return next(connection); });
            if (certificate is not null) listen.UseHttps(certificate);
        }));
        _app = builder.Build();
        var handler = new ApiHandler(this);
        _app.Use(async (ctx, next) =>
        {
            lock (RequestLog) RequestLog.Add($"{ctx.Request.Method} {ctx.Request.Path}{ctx.Request.QueryString}");
            if (await Faults.ApplyAsync(ctx)) return;
            await next(ctx);
        });
        _app.Run(handler.HandleAsync);
    }

    public ObjectStore Store { get; } = new();
    public ResourceCatalog Catalog { get; } = new();
    public FaultInjector Faults { get; } = new();
    public EmulatorTiming Timing { get; }
    public WorkloadSimulator Workloads { get; }
    public SimulatedArgoCd Argo { get; }
    public SimulatedSealedSecretsController SealedSecrets { get; }
    internal ServiceProxy Proxy { get; }

    /// <summary>Every request as "METHOD path?query", in arrival order.</summary>
    public List<string> RequestLog { get; } = new();

    /// <summary>TCP connections accepted (each TLS handshake is one; requests on a kept-alive connection are not).</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>Optional validation: return a message to refuse an applied object with 422.</summary>
    public Func<JsonObject, string?>? Validate { get; set; }

    public string Url { get; private set; } = "";

    /// <summary>Exceptions thrown by the emulated controllers (a bug in the double); tests assert it stays empty.</summary>
    public List<Exception> Errors { get; } = new();
    internal CancellationToken Stopping => _stopping.Token;

    /// <summary>
    /// True when the emulated controllers have nothing left to do: every change handled and no
    /// delayed action (a pod becoming ready, an Application syncing) still scheduled. What they do
    /// counts before what caused it is done, so this never reads true in the middle of a cascade.
    /// </summary>
    public bool Idle => Volatile.Read(ref _pending) == 0;

    public static async Task<KubeApiEmulator> StartAsync(EmulatorTiming? timing = null, X509Certificate2? certificate = null)
    {
        var emulator = new KubeApiEmulator(timing ?? new EmulatorTiming(), certificate);
        await emulator._app.StartAsync();
        var addresses = emulator._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        emulator.Url = addresses.First().Replace("[::1]", "127.0.0.1");
        emulator._dispatcher = Task.Run(emulator.DispatchAsync);
        return emulator;
    }

    /// <summary>Writes a kubeconfig whose one context points at this emulator; returns its path.</summary>
    public string WriteKubeconfig(string folder, string context = "emulator") => WriteKubeconfig(folder, Url, context);

    public static string WriteKubeconfig(string folder, string server, string context)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"kubeconfig-{context}.yaml");
        File.WriteAllText(path, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: {context}
              cluster:
                server: {server}
            users:
            - name: {context}
              user:
                token: emulator-token
            contexts:
            - name: {context}
              context:
                cluster: {context}
                user: {context}
                namespace: default
            current-context: {context}
            """);
        return path;
    }

    /// <summary>Runs <paramref name="action"/> after <paramref name="delay"/> unless the emulator stops first.</summary>
    internal void After(TimeSpan delay, Action action)
    {
        Interlocked.Increment(ref _pending);
        _ = Task.Run(async () =>
        {
            try
            {
                await Task.Delay(delay, _stopping.Token);
                action();
            }
            catch (OperationCanceledException) { }
            catch (Exception error)
            {
                lock (Errors) Errors.Add(error);
            }
            finally
            {
                Interlocked.Decrement(ref _pending);
            }
        });
    }

    private async Task DispatchAsync()
    {
        try
        {
            await foreach (var e in _events.Reader.ReadAllAsync(_stopping.Token))
            {
                try
                {
                    if (e.Resource.Key == ResourceCatalog.Crds.Key && e.Type != "DELETED") RegisterCrd(e.Object);
                    Workloads.OnChanged(e);
                    Argo.OnChanged(e);
                }
                catch (Exception error)
                {
                    lock (Errors) Errors.Add(error); // a bug in the double must not stall it; tests assert none
                }
                finally
                {
                    Interlocked.Decrement(ref _pending);
                }
            }
        }
        catch (OperationCanceledException) { }
    }

    /// <summary>An applied CRD makes its kind servable and reports itself Established.</summary>
    internal void RegisterCrd(JsonObject crd)
    {
        var spec = crd["spec"];
        var group = spec?["group"]?.GetValue<string>() ?? "";
        var plural = spec?["names"]?["plural"]?.GetValue<string>() ?? "";
        var kind = spec?["names"]?["kind"]?.GetValue<string>() ?? "";
        var namespaced = spec?["scope"]?.GetValue<string>() != "Cluster";
        foreach (var v in spec?["versions"]?.AsArray().OfType<JsonObject>() ?? [])
            if (v["served"]?.GetValue<bool>() != false)
                Catalog.Register(new ResourceType(group, v["name"]!.GetValue<string>(), kind, plural, namespaced));
        Store.Update(ResourceCatalog.Crds, null, crd["metadata"]!["name"]!.GetValue<string>(), o =>
            o["status"] = new JsonObject { ["conditions"] = new JsonArray(new JsonObject { ["type"] = "Established", ["status"] = "True" }) });
    }

    public async ValueTask DisposeAsync()
    {
        _stopping.Cancel();
        _events.Writer.TryComplete();
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (_dispatcher is not null) await _dispatcher;
        _stopping.Dispose();
    }
}
