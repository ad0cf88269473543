using Cake.Core.Diagnostics;
using GitOps.Build.Checks;
using GitOps.Build.Checks.Runner;
using GitOps.Build.Findings;
using GitOps.Build.Git;
using GitOps.Build.GitOps;
using GitOps.Build.IO;
using GitOps.Build.Manifests;
using GitOps.Build.Pipeline;
using GitOps.Build.Session;

namespace GitOps.Build.Scaffolding;

/// <summary>
/// What the check found: the errors the change adds (it is refused when there is any, or any problem), the errors it
/// adds that the model it copies already has (the same rule on the same file, under the model's name: a shared
/// ApplicationSet or chart it cannot fix, or a file NewEnvironment copies as it is; said, not held against it), and whatever the new
/// files failed to produce.
/// Files are shown relative to the repository (rendered output as <c>rendered/&lt;unit&gt;.yaml</c>).
/// </summary>
public sealed record ScratchResult(IReadOnlyList<Finding> Added, IReadOnlyList<Finding> Inherited, IReadOnlyList<string> Problems)
{
    public bool Passed => Added.Count == 0 && Problems.Count == 0;

    public static string Line(Finding f) => $"{f.RuleId} {f.Object} {f.Location}: {f.Message}";
}

/// <summary>
/// CI on a scratch copy: HEAD's tree (the work tree is clean, so the same files) written into a scratch folder, the
/// session's own check pipeline run on it (Lint, Template, Validate, the configuration's rules: and exclude: applied),
/// then the planned files written into the copy and the same pipeline run again; the errors of the two runs compared.
/// The repository itself is never written. <paramref name="rename"/> maps a finding of the model onto the name of the
/// copy, to tell the errors the copy inherits from those it adds.
/// </summary>
public sealed class ScratchCheck(RepositorySession session, IGitWorkingTree git, int parallelism, CancellationToken cancellation)
{
    /// <param name="verify">What must hold in the copy with the change (the new app in every environment, with its image): problems, or none.</param>
    /// <param name="copiesInherit">
    /// The new files are the model's own under the new name, not made anew (NewEnvironment copies the environment's next to the new one as they are): an
    /// error of the model in one of them is inherited too. Otherwise (NewApp, whose files are made to the policy) an error
    /// in a file it writes is its own.
    /// </param>
    public async Task<ScratchResult> RunAsync(FileChanges changes, NameToken rename, Func<RepositoryModel, RenderedSet, IReadOnlyList<string>> verify, bool copiesInherit = false)
    {
        using var scratch = ScratchFolder.Create("scaffold");
        var tree = scratch.File("tree");
        var rendered = scratch.File("rendered");
        git.WriteTree(git.Resolve(session.Root, "HEAD", "HEAD"), tree, cancellation);
        var (before, _, _) = await ErrorsAsync(session.InCopy(tree, rendered), tree, rendered);
        changes.WriteInto(tree);
        IReadOnlyList<Finding> after;
        RepositoryModel model;
        RenderedSet set;
        try
        {
            (after, model, set) = await ErrorsAsync(session.InCopy(tree, rendered), tree, rendered);
        }
        catch (Exception e) when (e is RepositoryException or ManifestParseException)
        {
            return new ScratchResult([], [], [$"with the new files the repository cannot be read: {Shown(e.Message, tree, rendered)}"]);
        }

        var known = before.Select(Key).ToHashSet();
        var written = changes.RelativePaths.ToHashSet(StringComparer.Ordinal);
        var modelKeys = before.Select(f => Key(f) with { Object = rename.Rename(f.Object), File = rename.Rename(f.File), Message = rename.Rename(f.Message) }).ToHashSet();
        var added = after.Where(f => !known.Contains(Key(f))).ToList();
        var inherited = added.Where(f => (copiesInherit || !written.Contains(f.File)) && modelKeys.Contains(Key(f))).ToList();
        return new ScratchResult(added.Except(inherited).ToList(), inherited, verify(model, set));
    }

    private sealed record FindingKey(string RuleId, string Object, string File, string Message);

    /// <summary>Line numbers left out: an edited file's lines move.</summary>
    private static FindingKey Key(Finding f) => new(f.RuleId, f.Object, f.File, f.Message);

    /// <summary>The errors of the whole pipeline on a copy, with files relative to it.</summary>
    /// <exception cref="RepositoryException">The copy cannot be read as a GitOps repository.</exception>
    private async Task<(IReadOnlyList<Finding> Errors, RepositoryModel Model, RenderedSet Rendered)> ErrorsAsync(RepositorySession copy, string tree, string rendered)
    {
        var (errors, model, set) = await PipelineAsync(copy, parallelism, cancellation);
        return (errors.Select(f => f.Relocated(Shown(f.File, tree, rendered), Shown(f.Message, tree, rendered))).Distinct().ToList(), model, set);
    }

    /// <summary>
    /// The errors CI reports on a session, the way CI finds them: every unit linted and rendered, Validate's checks
    /// (sealing included), the configuration's rules: and exclude: applied; with the model and what rendered.
    /// </summary>
    public static async Task<(IReadOnlyList<Finding> Errors, RepositoryModel Model, RenderedSet Rendered)> PipelineAsync(RepositorySession session, int parallelism,
        CancellationToken cancellation = default)
    {
        var model = session.Model;
        var lint = await session.Renderer.LintAllAsync(model.Units, parallelism, cancellation);
        var set = await new TemplateStage(session.Renderer, parallelism).RunAsync(model.Units, null, cancellation);
        var staged = lint.Concat(set.Outcomes).SelectMany(o => o.Findings).ToHashSet();
        var validation = new Validation(session, CheckScope.Everything, null, new NullLog()).Run(set, staged);
        var errors = staged.Concat(validation.Repository).Concat(validation.Sealing)
            .Select(session.Config.Adjustments.Adjust).OfType<Finding>()
            .Where(f => f.Severity == Severity.Error)
            .Distinct().ToList();
        return (errors, model, set);
    }

    /// <summary>Paths of the copy as the operator knows them: relative to the repository, rendered output as rendered/&lt;unit&gt;.yaml.</summary>
    private static string Shown(string text, string tree, string rendered) =>
        text.Replace(rendered + Path.DirectorySeparatorChar, "rendered/").Replace(tree + Path.DirectorySeparatorChar, "").Replace(tree, ".");
}
