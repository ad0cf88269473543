using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace GitOps.Build.Yaml;

/// <summary>A key one mapping holds twice: the line of the pair left out, and of the one kept.</summary>
public sealed record DuplicateKey(string Key, int Line, int KeptLine)
{
    public string Message => $"key {Key} appears twice in one mapping (line {Line} and line {KeptLine}): Argo CD, helm and kubectl keep the one at line {KeptLine} and ignore the one at line {Line}; stricter readers (kustomize, Flux) refuse the file";
}

/// <summary>
/// A mapping that holds a key twice is not valid YAML, and YamlDotNet refuses it; the reader
/// Kubernetes, helm and Argo CD use (sigs.k8s.io/yaml) accepts it and keeps the last pair. Where the
/// suite reads as they do (helm's output, a directory source), <see cref="LastWins"/> replays the
/// parser's events with every pair a later pair of the same mapping repeats left out, and says which.
/// </summary>
public static class DuplicateKeys
{
    /// <summary>The message of YamlDotNet's refusal.</summary>
    public const string Refusal = "Duplicate key";

    /// <summary>The events of <paramref name="parser"/> (read to the end, its limits applied) without the earlier pairs of a repeated key, each added to <paramref name="found"/>.</summary>
    public static IParser LastWins(IParser parser, ICollection<DuplicateKey> found)
    {
        var events = new List<ParsingEvent>();
        while (parser.MoveNext()) events.Add(parser.Current!);
        // Where each collection ends, in one pass, so that skipping a node is a lookup.
        var end = new int[events.Count];
        var open = new Stack<int>();
        for (var i = 0; i < events.Count; i++)
        {
            if (events[i] is MappingStart or SequenceStart) open.Push(i);
            else if (events[i] is MappingEnd or SequenceEnd && open.Count > 0) end[open.Pop()] = i;
        }
        int After(int node) => events[node] is MappingStart or SequenceStart ? end[node] + 1 : node + 1;

        var dropped = new bool[events.Count];
        for (var start = 0; start < events.Count; start++)
        {
            if (events[start] is not MappingStart) continue;
            var pairs = new List<(string? Key, int From, int To)>();
            for (var key = start + 1; key < events.Count && events[key] is not MappingEnd;)
            {
                var next = After(After(key));
                pairs.Add((events[key] is Scalar scalar ? scalar.Value : null, key, next));
                key = next;
            }
            foreach (var repeated in pairs.Where(p => p.Key != null).GroupBy(p => p.Key).Where(g => g.Count() > 1))
            {
                var kept = repeated.Last();
                foreach (var (key, from, to) in repeated.SkipLast(1))
                {
                    for (var i = from; i < to; i++) dropped[i] = true;
                    found.Add(new DuplicateKey(key!, (int)events[from].Start.Line, (int)events[kept.From].Start.Line));
                }
            }
        }
        return new Replay(events.Where((_, i) => !dropped[i]).ToList());
    }

    private sealed class Replay(IReadOnlyList<ParsingEvent> events) : IParser
    {
        private int _at = -1;
        public ParsingEvent? Current => _at >= 0 && _at < events.Count ? events[_at] : null;
        public bool MoveNext() => ++_at < events.Count;
    }
}
