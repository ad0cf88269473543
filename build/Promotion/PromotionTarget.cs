using GitOps.Build.GitOps;

namespace GitOps.Build.Promotion;

/// <summary>A file an environment's rendering reads, and who else's rendering reads it.</summary>
/// <param name="Own">The environment's own: for a Kustomize overlay a file in its folder, for Helm one of its value files
/// (not the chart's defaults). Where an app's image is looked for first.</param>
/// <param name="SharedWith">The other Applications that build this file; empty when only this one does.
/// A file on this list is never edited: the promotion would move them too.</param>
public sealed record SourceFile(string Path, bool Own, IReadOnlyList<FileReader> SharedWith);

/// <summary>An Application that builds a file, and its environment (null when it has none); shown as "Application (environment)".</summary>
public sealed record FileReader(string Application, string? Environment)
{
    public override string ToString() => Environment is null ? Application : $"{Application} ({Environment})";
}

/// <summary>Something in the Application itself (not in a file it reads) that sets values over the files: a Helm parameter,
/// inline values, a Kustomize images override. Promote does not edit Applications; one that sets the app's image is named.</summary>
/// <param name="What">How the operator finds it, e.g. "the helm parameter image.tag in apps/web.yaml (Application web-prod)".</param>
/// <param name="Key">The parameter's or value's name, or the images entry's image name.</param>
public sealed record ApplicationSetting(string What, string Key, string Value);

/// <summary>
/// One app in one environment as Promote and PromotionStatus see it: the Application that deploys it
/// (labelled with the app and the environment, or named for them), the files its rendering reads, and what
/// the Application sets over them. Where exactly the image is set is found from what it renders
/// (<see cref="EnvironmentImages"/>), never assumed.
/// </summary>
/// <param name="OwnValuesFile">For a Helm Application, its last own value file: where a value the chart's defaults
/// (shared by every environment) set for the image is written instead. Null for other kinds.</param>
/// <param name="Refusal">Why this environment cannot be promoted into at all (a remote chart, no source in the repository).</param>
public sealed record PromotionTarget(string App, string Environment, string Application, IReadOnlyList<SourceFile> Files,
    string? OwnValuesFile = null, string? Refusal = null)
{
    public SourceKind Kind { get; init; } = SourceKind.Helm;

    public IReadOnlyList<ApplicationSetting> ApplicationSettings { get; init; } = [];

    /// <summary>The app's image repository when the repository configuration names it; null: found from what renders.</summary>
    public string? Image { get; init; }

    /// <summary>The render unit, for the pull request's diff as Diff writes it; null for targets made up in tests.</summary>
    public RenderUnit? Unit { get; init; }

    public SourceFile? File(string path) => Files.FirstOrDefault(f => f.Path == path);
}

/// <summary>Result of linting, rendering and validating a target with some of its files edited.</summary>
public sealed record ValidationOutcome(bool Succeeded, IReadOnlyList<string> Problems)
{
    /// <summary>Errors the environment already has without the edit: reported, not blocking.</summary>
    public IReadOnlyList<string> Standing { get; init; } = [];

    public static ValidationOutcome Success { get; } = new(true, []);

    public static ValidationOutcome Failure(params string[] problems) => new(false, problems);
}

/// <summary>
/// Renders and validates one app × environment with some files' contents replaced (absolute path → new text),
/// nothing written to the repository: the proof of a promotion before anything is written.
/// <see cref="PromotionRendering"/> is the implementation over the renderer service.
/// </summary>
public interface IPromotionRenderer
{
    /// <summary>The objects the environment renders with <paramref name="edits"/>.</summary>
    /// <exception cref="InvalidOperationException">It does not render; the message says where and why.</exception>
    IReadOnlyList<Manifests.ManifestObject> Render(PromotionTarget target, IReadOnlyDictionary<string, string> edits);

    /// <summary>Lint, render and the object checks with <paramref name="edits"/>; errors are problems.</summary>
    ValidationOutcome Validate(PromotionTarget target, IReadOnlyDictionary<string, string> edits);
}
