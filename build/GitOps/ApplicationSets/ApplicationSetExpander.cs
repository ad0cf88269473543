using System.Text.Json.Nodes;
using GitOps.Build.Config;
using GitOps.Build.Findings;
using GitOps.Build.Manifests;

namespace GitOps.Build.GitOps.ApplicationSets;

/// <summary>What one ApplicationSet expands to: the Applications Argo CD would generate, and what could not be expanded or failed.</summary>
public sealed record ApplicationSetExpansion(ManifestObject ApplicationSet, IReadOnlyList<ManifestObject> Applications, IReadOnlyList<Finding> Findings);

/// <summary>
/// Expands ApplicationSets offline into the Applications Argo CD's ApplicationSet controller
/// generates: each generator of spec.generators (list, git directories/files on this repository,
/// cluster, matrix, merge) gives parameter sets, and the template (spec.template, under the
/// generator's own template) is rendered once per set, with fasttemplate or, for
/// <c>goTemplate: true</c>, the Go template engine given (without one such sets are reported as
/// not expanded). Generated Applications are manifests of the ApplicationSet's file, at the
/// template's lines. Clusters default to the in-cluster destination. The working tree is listed
/// once per expander (one repository load), when a git generator first needs it. An ApplicationSet
/// generates at most <see cref="MaxApplications"/> Applications (APPSET-LIMIT past that), and a large
/// expansion says how far it is through <see cref="Progress"/>.
/// </summary>
public sealed class ApplicationSetExpander(IGoTemplateEngine? goTemplates = null, IReadOnlyList<ClusterInfo>? clusters = null)
{
    /// <summary>The default of applicationSets.maxApplications (see <see cref="RepositoryConfig.DefaultMaxApplicationsPerSet"/>).</summary>
    public const int DefaultMaxApplications = RepositoryConfig.DefaultMaxApplicationsPerSet;

    /// <summary>Parameter sets from which an expansion prints progress lines.</summary>
    private const int LargeExpansion = 200;

    public IReadOnlyList<ClusterInfo> Clusters { get; } = clusters ?? [ClusterInfo.InCluster];

    /// <summary>The most Applications one ApplicationSet generates (applicationSets.maxApplications).</summary>
    public int MaxApplications { get; init; } = DefaultMaxApplications;

    /// <summary>Where progress lines of a large expansion go (the run's log); null: nowhere.</summary>
    public Action<string>? Progress { get; init; }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<WorkingTree>> _trees = new();

    private WorkingTree Tree(string root) => _trees.GetOrAdd(Path.GetFullPath(root), r => new Lazy<WorkingTree>(() => WorkingTree.Read(r))).Value;

    public bool HasGoTemplates => goTemplates != null;

    /// <summary>An expander that renders Go templates with <paramref name="helm"/> and the binary <paramref name="helmPath"/> gives (asked only when needed).</summary>
    public static ApplicationSetExpander WithHelm(Helm.IHelm helm, Func<string> helmPath, IReadOnlyList<ClusterInfo>? clusters = null,
        int maxApplications = DefaultMaxApplications, Action<string>? progress = null) =>
        new(new HelmGoTemplateEngine(helm, helmPath), clusters) { MaxApplications = maxApplications, Progress = progress };

    /// <summary>The same outside a run (tests): helm through the default child-process runner.</summary>
    public static ApplicationSetExpander WithHelm(Func<string> helmPath, IReadOnlyList<ClusterInfo>? clusters = null,
        int maxApplications = DefaultMaxApplications, Action<string>? progress = null) =>
        WithHelm(Helm.HelmRunner.Standalone(), helmPath, clusters, maxApplications, progress);

    /// <param name="applicationSet">The ApplicationSet manifest.</param>
    /// <param name="root">The repository's working tree, which git generators on <paramref name="repoUrl"/> read.</param>
    /// <param name="repoUrl">The repository's URL as Applications name it.</param>
    public ApplicationSetExpansion Expand(ManifestObject applicationSet, string root, string repoUrl) =>
        Expand(applicationSet, root, RepositoryIdentity.Of(repoUrl));

    /// <param name="applicationSet">The ApplicationSet manifest.</param>
    /// <param name="root">The repository's working tree, which git generators on <paramref name="repository"/> read.</param>
    /// <param name="repository">Which URLs are this repository.</param>
    /// <param name="sources">Where findings on the ApplicationSet point (the file that made one an app-of-apps renders); null: its own file.</param>
    public ApplicationSetExpansion Expand(ManifestObject applicationSet, string root, RepositoryIdentity repository, SourceFiles? sources = null)
    {
        var x = new Expansion(applicationSet, root, repository, goTemplates, Clusters, Tree, MaxApplications, Progress, sources);
        var applications = new List<ManifestObject>();
        if (applicationSet.At("/spec/template") is not JsonObject template)
        {
            x.Report(Rules.AppSetInvalid, "/spec", "spec.template is missing");
            return new ApplicationSetExpansion(applicationSet, applications, x.Findings);
        }
        var patch = applicationSet.At("/spec/templatePatch") is JsonValue p && p.TryGetValue<string>(out var text) && text.Trim().Length > 0 ? text : null;
        if (patch != null && !x.GoTemplate)
        {
            x.Report(Rules.AppSetInvalid, "/spec/templatePatch", "templatePatch is applied only with goTemplate: true; Argo CD ignores it here");
            patch = null;
        }
        if (x.GoTemplate && !HasGoTemplates)
        {
            x.Report(Rules.AppSetNotExpanded, "/spec/goTemplate", "goTemplate: true needs helm's template engine, which this run does not have; its Applications are not generated");
            return new ApplicationSetExpansion(applicationSet, applications, x.Findings);
        }
        var generators = applicationSet.At("/spec/generators") as JsonArray ?? [];
        if (generators.Count == 0) x.Report(Rules.AppSetInvalid, "/spec", "spec.generators is empty");
        for (var i = 0; i < generators.Count; i++)
        {
            var pointer = $"/spec/generators/{i}";
            if (generators[i] is not JsonObject generator) continue;
            var kinds = Generators.KindsOf(generator);
            if (kinds.Count == 0) _ = Generators.Generate(generator, null, pointer, x); // reported: no known kind
            // An entry naming several generators runs each (with its own template), as Argo CD does.
            foreach (var kind in kinds)
            {
                if (Generators.Generate(generator, kind, pointer, x) is not { } generated) continue;
                // The limit is the whole ApplicationSet's: what the generators before this one gave counts.
                var sets = x.Capped(generated, pointer, x.Limit - applications.Count);
                if (sets.Count >= LargeExpansion) x.Say($"generating {sets.Count:N0} Applications from {pointer}");
                var own = generator[kind]?["template"] as JsonObject is { Count: > 0 } t ? t : null;
                var effective = own != null ? TemplateMerge.GeneratorOverSpec(own, template) : template;
                Func<string, string> line = own != null
                    ? p2 => JsonPointer.Find(own, p2) != null ? $"{pointer}/{kind}/template{p2}" : $"/spec/template{p2}"
                    : p2 => $"/spec/template{p2}";
                applications.AddRange(TemplateRenderer.Render(x, effective, line, patch, sets));
            }
        }
        return new ApplicationSetExpansion(applicationSet, GeneratedDestinations.Keep(Distinct(applications, x), x), x.Findings);
    }

    /// <summary>Argo CD refuses an ApplicationSet that generates two Applications of one name (or one with no name).</summary>
    private static List<ManifestObject> Distinct(List<ManifestObject> applications, Expansion x)
    {
        var result = new List<ManifestObject>();
        var names = new HashSet<string>();
        foreach (var app in applications)
        {
            if (app.Name.Length == 0)
            {
                x.Report(Rules.AppSetTemplate, "/spec/template/metadata/name", "a generated Application has no name");
                continue;
            }
            if (!names.Add(app.Name))
            {
                x.Report(Rules.AppSetInvalid, "/spec/template/metadata/name", $"two generated Applications are both named {app.Name}; Argo CD generates none of this ApplicationSet's Applications until names are unique");
                continue;
            }
            result.Add(app);
        }
        return result;
    }
}
