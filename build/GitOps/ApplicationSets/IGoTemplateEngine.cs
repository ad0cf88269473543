using System.Text.Json.Nodes;

namespace GitOps.Build.GitOps.ApplicationSets;

/// <summary>
/// Go text/template with sprig, the engine of <c>goTemplate: true</c>. Renders every template
/// against every parameter set in one go (<see cref="GoTemplateResult.Outputs"/>[set][template]),
/// so an implementation that starts a process pays for it once per ApplicationSet.
/// </summary>
public interface IGoTemplateEngine
{
    /// <param name="missingKeyError">goTemplateOptions has missingkey=error (else Argo CD's default: a missing key is "no value").</param>
    GoTemplateResult Render(IReadOnlyList<string> templates, IReadOnlyList<JsonObject> parameterSets, bool missingKeyError = false);
}

/// <summary>What the engine produced: per parameter set the rendered templates, or null where that set failed (see Errors).</summary>
public sealed record GoTemplateResult(IReadOnlyList<IReadOnlyList<string>?> Outputs, IReadOnlyList<GoTemplateError> Errors)
{
    public static GoTemplateResult Failed(int sets, GoTemplateError error) =>
        new(Enumerable.Repeat<IReadOnlyList<string>?>(null, sets).ToList(), [error]);
}

/// <summary>
/// A template that did not render: for which parameter set (null: all of them), which template
/// (null: unknown), and the engine's message.
/// </summary>
public sealed record GoTemplateError(int? Set, int? Template, string Message);
