using System.Diagnostics;
using System.Text;
using GitOps.Build.GitOps;

namespace GitOps.Build.Pipeline;

/// <summary>
/// Directory sources: Argo CD applies the objects of their files as they are, so "rendering" is the
/// objects the loader read (<see cref="RepositoryModel.DirectoryObjects"/>, files Argo CD skips left
/// out). The artifact holds each contributing file's text under a <c># Source:</c> line, as helm's
/// output does; the objects keep their repository file and line, so findings point there.
/// </summary>
public sealed class DirectoryRenderer : ISourceRenderer
{
    public SourceKind Kind => SourceKind.Directory;

    public UnitOutcome Lint(RepositoryModel model, RenderUnit unit) =>
        new(unit.Id, UnitStatus.Skipped, [], TimeSpan.Zero, "plain manifests: nothing to lint");

    public RenderResult Render(RepositoryModel model, RenderUnit unit, string artifact)
    {
        var clock = Stopwatch.StartNew();
        var objects = model.DirectoryObjects.GetValueOrDefault(unit.Application.Key) ?? [];
        var text = new StringBuilder();
        foreach (var file in objects.Select(o => o.File).Distinct(StringComparer.Ordinal))
        {
            if (text.Length > 0) text.Append("---\n");
            var content = File.ReadAllText(file);
            text.Append("# Source: ").Append(model.Relative(file)).Append('\n').Append(content);
            if (!content.EndsWith('\n')) text.Append('\n');
        }
        return new RenderResult(new UnitOutcome(unit.Id, UnitStatus.Rendered, [], clock.Elapsed, $"{objects.Count} objects"), artifact, text.ToString(), objects);
    }
}
