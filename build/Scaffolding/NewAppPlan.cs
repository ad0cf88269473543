using GitOps.Build.Config;
using GitOps.Build.GitOps;
using GitOps.Build.Pipeline;

namespace GitOps.Build.Scaffolding;

/// <summary>What NewApp is asked for: the new app's name and image, optionally its port, the app to copy and the environments.</summary>
/// <param name="From">The app whose shape is copied; null: the one app deployed per environment.</param>
/// <param name="Environments">Where the new app goes; null: every environment <paramref name="From"/> is in.</param>
public sealed record NewAppRequest(string Name, NewImage Image, int? Port = null, string? From = null, IReadOnlyList<string>? Environments = null);

/// <summary>
/// NewApp while it plans: the model, the request, the model app's shape and the renaming, the files planned, what
/// the new app must render in each environment (for the check), and what is left for the operator to fill in.
/// </summary>
public sealed class NewAppPlan(RepositoryModel model, IRenderer renderer, NewAppRequest request, AppShape shape)
{
    public RepositoryModel Model => model;
    public IRenderer Renderer => renderer;
    public NewAppRequest Request => request;
    public AppShape Shape => shape;
    public NameToken Token { get; } = new(shape.App, request.Name);
    public FileChanges Changes { get; } = new(model.Root);

    /// <summary>The image reference the new app's containers must run, per environment.</summary>
    public Dictionary<string, string> ExpectedImages { get; } = new(StringComparer.Ordinal);

    /// <summary>What the model app has that the new one did not take, and anything else the operator must set.</summary>
    public List<string> ToFillIn { get; } = [];

    public EnvironmentPolicy? Policy(string environment) => model.Environments.Find(environment);

    public string Relative(string path) => model.Relative(path);
}
