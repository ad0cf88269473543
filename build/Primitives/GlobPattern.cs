namespace GitOps.Build.Primitives;

/// <summary>
/// What a glob dialect means by its wildcards: the separator <c>*</c> and <c>?</c> do not cross
/// (none: they cross everything), whether <c>**</c> crosses it anyway, whether <c>{a,b}</c> lists
/// alternatives, and which characters negate a <c>[...]</c> class.
/// </summary>
public sealed record GlobDialect(char? Separator, bool DoubleStarCrosses, bool Braces, string Negations);

/// <summary>
/// A glob compiled once into a small automaton (Thompson's construction: one state per literal,
/// class or wildcard) and matched by walking every live state at once, one input character at a
/// time. Per character each state is tested once and each move between states taken at most once
/// (there are fewer moves than pattern characters plus states), so a match costs at most
/// (2 × states + 2 × pattern length) × (text length + 1) steps whatever the pattern: <c>*a*a*a…*b</c> against a long string is as
/// cheap as <c>ab</c>, where a backtracking matcher (or a regular expression built from the glob)
/// takes exponential time. <see cref="Matches(string, out long)"/> counts the steps, for the tests that
/// hold a match to that bound. A pattern that does not parse (an unclosed <c>[</c> or <c>{</c>) matches
/// nothing, as the Go libraries Argo CD uses report it an error and match nothing.
/// </summary>
public sealed class GlobPattern
{
    private abstract record Node;
    private sealed record Literal(char Char) : Node;
    private sealed record AnyOne : Node;
    private sealed record Star(bool Crosses) : Node;
    private sealed record CharClass(List<(char Low, char High)> Ranges, bool Negated) : Node;
    private sealed record Alternatives(List<List<Node>> Options) : Node;

    /// <summary>A state consumes one character (when <see cref="Accepts"/> holds) and moves to <see cref="Next"/>; or moves to each of <see cref="Epsilon"/> consuming nothing; or is the match.</summary>
    private sealed class State
    {
        public Func<char, bool>? Accepts;
        public int Next = -1;
        public int[] Epsilon = [];
        public bool IsMatch;
    }

    private readonly List<State> _states = [];
    private readonly int _start = -1;
    private readonly GlobDialect _dialect;

    private GlobPattern(string pattern, GlobDialect dialect)
    {
        _dialect = dialect;
        var position = 0;
        var nodes = ParseSequence(pattern, ref position, topLevel: true);
        if (nodes == null || position != pattern.Length) return; // malformed: matches nothing
        var match = Add(new State { IsMatch = true });
        _start = Compile(nodes, match);
    }

    /// <summary>The number of states: the automaton's size, linear in the pattern's length.</summary>
    public int StateCount => _states.Count;

    public static GlobPattern Compile(string pattern, GlobDialect dialect) => new(pattern, dialect);

    public bool Matches(string text) => Matches(text, out _);

    /// <param name="steps">The state visits the match took (what the tests hold to the linear bound).</param>
    public bool Matches(string text, out long steps)
    {
        steps = 0;
        if (_start < 0) return false;
        long count = 0;
        var stamp = new int[_states.Count];
        var generation = 1;
        var current = new List<int>();
        void AddClosure(List<int> set, int state)
        {
            // Iterative depth-first walk of the epsilon moves; each state at most once per generation.
            var pending = new Stack<int>([state]);
            while (pending.Count > 0)
            {
                var s = pending.Pop();
                count++;
                if (stamp[s] == generation) continue;
                stamp[s] = generation;
                set.Add(s);
                foreach (var e in _states[s].Epsilon) pending.Push(e);
            }
        }
        AddClosure(current, _start);
        foreach (var c in text)
        {
            generation++;
            var next = new List<int>();
            foreach (var s in current)
            {
                count++;
                var state = _states[s];
                if (state.Accepts != null && state.Accepts(c)) AddClosure(next, state.Next);
            }
            current = next;
            if (current.Count == 0) break;
        }
        steps = count;
        return current.Any(s => _states[s].IsMatch);
    }

    private int Add(State state)
    {
        _states.Add(state);
        return _states.Count - 1;
    }

    /// <summary>The states of <paramref name="nodes"/>, built back to front so each knows where it goes next; returns the first.</summary>
    private int Compile(List<Node> nodes, int next)
    {
        for (var i = nodes.Count - 1; i >= 0; i--)
        {
            switch (nodes[i])
            {
                case Literal literal:
                    var c = literal.Char;
                    next = Add(new State { Accepts = x => x == c, Next = next });
                    break;
                case AnyOne:
                    next = Add(new State { Accepts = NotSeparator, Next = next });
                    break;
                case Star star:
                    // A loop: either leave, or consume one character and come back.
                    var loop = Add(new State());
                    var consume = Add(new State { Accepts = star.Crosses ? _ => true : NotSeparator, Next = loop });
                    _states[loop].Epsilon = [consume, next];
                    next = loop;
                    break;
                case CharClass @class:
                    var (ranges, negated) = (@class.Ranges, @class.Negated);
                    next = Add(new State { Accepts = x => ranges.Any(r => x >= r.Low && x <= r.High) != negated, Next = next });
                    break;
                case Alternatives alternatives:
                    var target = next;
                    var starts = alternatives.Options.Select(o => Compile(o, target)).ToArray();
                    next = Add(new State { Epsilon = starts });
                    break;
            }
        }
        return next;
    }

    private bool NotSeparator(char c) => _dialect.Separator is not { } separator || c != separator;

    /// <summary>Parses up to the end, or inside braces up to the ',' or '}' that ends an alternative; null when malformed.</summary>
    private List<Node>? ParseSequence(string pattern, ref int i, bool topLevel)
    {
        var nodes = new List<Node>();
        while (i < pattern.Length)
        {
            var c = pattern[i];
            if (!topLevel && c is ',' or '}') return nodes;
            switch (c)
            {
                case '*':
                    var run = 0;
                    while (i < pattern.Length && pattern[i] == '*') { run++; i++; }
                    nodes.Add(new Star(_dialect.Separator == null || run >= 2 && _dialect.DoubleStarCrosses));
                    continue;
                case '?':
                    nodes.Add(new AnyOne());
                    i++;
                    continue;
                case '\\' when i + 1 < pattern.Length:
                    nodes.Add(new Literal(pattern[i + 1]));
                    i += 2;
                    continue;
                case '[':
                    if (ParseClass(pattern, ref i) is not { } charClass) return null;
                    nodes.Add(charClass);
                    continue;
                case '{' when _dialect.Braces:
                    i++;
                    var options = new List<List<Node>>();
                    while (true)
                    {
                        if (ParseSequence(pattern, ref i, topLevel: false) is not { } option) return null;
                        options.Add(option);
                        if (i >= pattern.Length) return null; // unclosed {
                        if (pattern[i++] == '}') break;
                    }
                    nodes.Add(new Alternatives(options));
                    continue;
                default:
                    nodes.Add(new Literal(c));
                    i++;
                    continue;
            }
        }
        return topLevel ? nodes : null; // an alternative list that never closed
    }

    /// <summary><c>[abc]</c>, <c>[a-z]</c>, negated by a leading mark of the dialect; '\' escapes inside; null when it does not close.</summary>
    private CharClass? ParseClass(string pattern, ref int i)
    {
        var j = i + 1;
        var negated = j < pattern.Length && _dialect.Negations.Contains(pattern[j]);
        if (negated) j++;
        var ranges = new List<(char, char)>();
        while (j < pattern.Length && pattern[j] != ']')
        {
            var low = pattern[j] == '\\' && j + 1 < pattern.Length ? pattern[++j] : pattern[j];
            j++;
            var high = low;
            if (j + 1 < pattern.Length && pattern[j] == '-' && pattern[j + 1] != ']')
            {
                high = pattern[j + 1] == '\\' && j + 2 < pattern.Length ? pattern[j + 2] : pattern[j + 1];
                j += pattern[j + 1] == '\\' ? 3 : 2;
                if (high < low) return null;
            }
            ranges.Add((low, high));
        }
        if (j >= pattern.Length || ranges.Count == 0) return null;
        i = j + 1;
        return new CharClass(ranges, negated);
    }
}
