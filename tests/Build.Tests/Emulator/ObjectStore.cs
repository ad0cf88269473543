using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace GitOps.Build.Tests.Emulator;

/// <summary>One change of one object, as a watch reports it.</summary>
public sealed record WatchEvent(string Type, ResourceType Resource, string? Namespace, JsonObject Object, long ResourceVersion);

/// <summary>
/// The emulator's etcd: objects by (resource, namespace, name), one global resourceVersion counter, the
/// history of changes (so a watch can resume from a resourceVersion) and live subscribers.
/// A write that changes nothing keeps the resourceVersion, as the real API server does.
/// </summary>
public sealed class ObjectStore
{
    private readonly object _lock = new();
    private readonly Dictionary<(string Type, string Ns, string Name), JsonObject> _objects = new();
    private readonly List<WatchEvent> _history = new();
    private readonly List<(ResourceType Type, string? Ns, Channel<WatchEvent> Channel)> _watchers = new();
    private long _rv = 1000;

    /// <summary>Raised after each change (outside the lock), for the emulated controllers.</summary>
    public event Action<WatchEvent>? Changed;

    public string ResourceVersion { get { lock (_lock) return _rv.ToString(); } }

    public JsonObject? Get(ResourceType t, string? ns, string name)
    {
        lock (_lock) return _objects.TryGetValue((t.Key, ns ?? "", name), out var o) ? (JsonObject)o.DeepClone() : null;
    }

    public IReadOnlyList<JsonObject> List(ResourceType t, string? ns, Func<JsonObject, bool>? filter = null)
    {
        lock (_lock)
        {
            return _objects.Where(kv => kv.Key.Type == t.Key && (ns is null || kv.Key.Ns == ns))
                .OrderBy(kv => kv.Key.Ns, StringComparer.Ordinal).ThenBy(kv => kv.Key.Name, StringComparer.Ordinal)
                .Select(kv => kv.Value)
                .Where(o => filter?.Invoke(o) ?? true)
                .Select(o => (JsonObject)o.DeepClone())
                .ToList();
        }
    }

    /// <summary>
    /// Reads the current object (null if absent), lets <paramref name="mutate"/> produce the new one, and
    /// stores it when it differs. Returns the stored object and whether it was created/changed.
    /// </summary>
    public (JsonObject Object, bool Created, bool Changed) Upsert(ResourceType t, string? ns, string name, Func<JsonObject?, JsonObject?> mutate)
    {
        WatchEvent evt;
        JsonObject stored;
        bool created;
        lock (_lock)
        {
            var key = (t.Key, ns ?? "", name);
            _objects.TryGetValue(key, out var current);
            var mutated = mutate(current is null ? null : (JsonObject)current.DeepClone());
            // Round-trip through text so every stored number reads back like parsed JSON (int or long alike).
            var next = mutated is null ? null : (JsonObject)JsonNode.Parse(mutated.ToJsonString())!;
            if (next is null) return (current is null ? new JsonObject() : (JsonObject)current.DeepClone(), false, false); // the mutation declined
            if (current is not null && JsonNode.DeepEquals(current, next)) return ((JsonObject)current.DeepClone(), false, false);

            created = current is null;
            var meta = (JsonObject)(next["metadata"] ??= new JsonObject());
            meta["name"] = name;
            if (ns is not null) meta["namespace"] = ns;
            if (created)
            {
                meta["uid"] = Guid.NewGuid().ToString();
                meta["creationTimestamp"] = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ");
                meta["generation"] = 1;
            }
            else if (SpecChanged(current!, next))
            {
                meta["generation"] = (current!["metadata"]?["generation"]?.GetValue<long>() ?? 0) + 1;
            }
            meta["resourceVersion"] = (++_rv).ToString();
            next = (JsonObject)JsonNode.Parse(next.ToJsonString())!;
            _objects[key] = next;
            stored = (JsonObject)next.DeepClone();
            evt = Record(created ? "ADDED" : "MODIFIED", t, ns, stored);
        }
        Changed?.Invoke(evt);
        return (stored, created, true);
    }

    /// <summary>Changes an existing object; does nothing when it does not exist.</summary>
    public void Update(ResourceType t, string? ns, string name, Action<JsonObject> change) =>
        Upsert(t, ns, name, o => { if (o is null) return null; change(o); return o; });

    public JsonObject? Delete(ResourceType t, string? ns, string name)
    {
        WatchEvent evt;
        lock (_lock)
        {
            if (!_objects.Remove((t.Key, ns ?? "", name), out var removed)) return null;
            ((JsonObject)removed["metadata"]!)["resourceVersion"] = (++_rv).ToString();
            evt = Record("DELETED", t, ns, (JsonObject)removed.DeepClone());
        }
        Changed?.Invoke(evt);
        return evt.Object;
    }

    /// <summary>
    /// Starts a watch: the events after <paramref name="fromRv"/> (or, without one, ADDED for every current
    /// object) and a channel of the events to come. Dispose the returned handle to stop.
    /// </summary>
    public (IReadOnlyList<WatchEvent> Backlog, ChannelReader<WatchEvent> Live, IDisposable Stop) Subscribe(ResourceType t, string? ns, long? fromRv)
    {
        lock (_lock)
        {
            List<WatchEvent> backlog = fromRv is { } rv
                ? _history.Where(e => e.Resource.Key == t.Key && (ns is null || e.Namespace == ns) && e.ResourceVersion > rv).ToList()
                : List(t, ns).Select(o => new WatchEvent("ADDED", t, ns, o, long.Parse(o["metadata"]!["resourceVersion"]!.GetValue<string>()))).ToList();
            var channel = Channel.CreateUnbounded<WatchEvent>();
            var entry = (t, ns, channel);
            _watchers.Add(entry);
            return (backlog, channel.Reader, new Unsubscribe(() => { lock (_lock) _watchers.Remove(entry); channel.Writer.TryComplete(); }));
        }
    }

    private WatchEvent Record(string type, ResourceType t, string? ns, JsonObject obj)
    {
        var evt = new WatchEvent(type, t, ns, obj, _rv);
        _history.Add(evt);
        foreach (var w in _watchers)
            if (w.Type.Key == t.Key && (w.Ns is null || w.Ns == ns)) w.Channel.Writer.TryWrite(evt);
        return evt;
    }

    /// <summary>Generation moves when anything but metadata and status changes (the spec, data...).</summary>
    private static bool SpecChanged(JsonObject before, JsonObject after)
    {
        static JsonObject Strip(JsonObject o)
        {
            var c = (JsonObject)o.DeepClone();
            c.Remove("metadata");
            c.Remove("status");
            return c;
        }
        return !JsonNode.DeepEquals(Strip(before), Strip(after));
    }

    private sealed class Unsubscribe(Action action) : IDisposable
    {
        private int _done;
        public void Dispose() { if (Interlocked.Exchange(ref _done, 1) == 0) action(); }
    }
}
