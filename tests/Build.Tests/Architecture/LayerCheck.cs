namespace GitOps.Build.Tests.Architecture;

/// <summary>The rules the layers obey, as functions of plain data so they are tested on a made-up graph too.</summary>
public static class LayerCheck
{
    private const string Root = "GitOps.Build";

    /// <summary>The folder under build/ a namespace belongs to: <c>GitOps.Build.Checks.Policy</c> → Checks, the
    /// root namespace (and Program's global one) → "" (build/ itself); null for namespaces the compiler
    /// generates (System.*, Microsoft.*), which are no part of the layers.</summary>
    public static string? FolderOf(string ns)
    {
        if (ns.Length == 0 || ns == Root) return "";
        if (!ns.StartsWith(Root + ".", StringComparison.Ordinal)) return null;
        var rest = ns[(Root.Length + 1)..];
        var dot = rest.IndexOf('.');
        return dot < 0 ? rest : rest[..dot];
    }

    /// <summary>Every reference from a type to a type of a higher layer (or a later folder of its own layer),
    /// and every type in a folder the order does not list.</summary>
    public static List<string> Violations(IEnumerable<TypeReference> references, IReadOnlyList<Layer> layers)
    {
        var ranks = LayerOrder.Ranks(layers);
        var problems = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var r in references)
        {
            var from = FolderOf(r.FromNamespace);
            var to = FolderOf(r.ToNamespace);
            if (from is null || to is null || from == to) continue;
            if (!ranks.TryGetValue(from, out var a)) { problems.Add($"{r.From}: build/{from} is in no layer"); continue; }
            if (!ranks.TryGetValue(to, out var b)) { problems.Add($"{r.To}: build/{to} is in no layer"); continue; }
            if (b.Rank > a.Rank)
                problems.Add($"{r.From} (build/{from}, layer {a.Layer.Number} {a.Layer.Name}) references {r.To} (build/{to}, layer {b.Layer.Number} {b.Layer.Name}), which sits above it");
        }
        return problems.ToList();
    }

    /// <summary>The folder graph: which folder uses which (self-uses left out).</summary>
    public static Dictionary<string, SortedSet<string>> FolderGraph(IEnumerable<TypeReference> references)
    {
        var graph = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var r in references)
        {
            if (FolderOf(r.FromNamespace) is not { } from || FolderOf(r.ToNamespace) is not { } to) continue;
            if (!graph.TryGetValue(from, out var uses)) graph[from] = uses = new(StringComparer.Ordinal);
            if (!graph.ContainsKey(to)) graph[to] = new(StringComparer.Ordinal);
            if (from != to) uses.Add(to);
        }
        return graph;
    }

    /// <summary>The strongly connected components of more than one folder (Tarjan): each is a cycle.</summary>
    public static List<List<string>> Cycles(IReadOnlyDictionary<string, SortedSet<string>> graph)
    {
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var onStack = new HashSet<string>();
        var cycles = new List<List<string>>();

        void Visit(string v)
        {
            index[v] = low[v] = index.Count;
            stack.Push(v);
            onStack.Add(v);
            foreach (var w in graph.TryGetValue(v, out var uses) ? uses : [])
            {
                if (!index.ContainsKey(w)) { Visit(w); low[v] = Math.Min(low[v], low[w]); }
                else if (onStack.Contains(w)) low[v] = Math.Min(low[v], index[w]);
            }
            if (low[v] != index[v]) return;
            var component = new List<string>();
            string popped;
            do { popped = stack.Pop(); onStack.Remove(popped); component.Add(popped); } while (popped != v);
            if (component.Count > 1) cycles.Add(component.Order(StringComparer.Ordinal).ToList());
        }

        foreach (var v in graph.Keys.Order(StringComparer.Ordinal))
            if (!index.ContainsKey(v)) Visit(v);
        return cycles;
    }
}
