using GitOps.Build.Config;
using GitOps.Build.GitOps;
using GitOps.Build.Primitives;
using GitOps.Build.Yaml;

namespace GitOps.Build.Scaffolding;

/// <summary>
/// The Application side of a copy, the way the model has it: its own Application file copied (every name renamed,
/// the environment's sync policy applied), or the ApplicationSet list elements naming it copied beside the originals
/// (renamed), or nothing, where an ApplicationSet finds the new files by itself.
/// </summary>
public sealed class ApplicationCopies(RepositoryModel model, FileChanges changes, NameToken token)
{
    private readonly HashSet<(string File, YamlPath Element)> _copied = [];

    /// <param name="keep">Values left as written even when they hold the name (paths of charts and value files shared with other apps).</param>
    /// <param name="policy">The environment's policy: autoSync true or false sets the copy's automated sync.</param>
    /// <param name="rename">How each value of a copied Application changes (null: left as written); null: the name renamed, <paramref name="keep"/> kept.</param>
    public void Plan(EnvironmentSlice slice, IReadOnlySet<string> keep, EnvironmentPolicy? policy, Func<YamlValue, string?>? rename = null)
    {
        var Renamed = rename ?? (v => keep.Contains(v.Value) ? null : token.Rename(v.Value));
        switch (slice.Origin)
        {
            case ApplicationOrigin.OwnFile own:
            {
                var relative = model.Relative(own.File);
                var target = token.RenamePath(relative)
                    ?? throw new InputException($"the Application file {relative} does not have '{token.From}' in its path, so there is no telling where the copy for {token.To} goes; name the file after it, or write the copy by hand.");
                var text = YamlBlockEditor.Rewrite(ValuesFile.Read(own.File).Text, relative, Renamed, token.Rename);
                changes.Add(target, SyncPolicy(text, target, policy));
                break;
            }
            case ApplicationOrigin.ListElements list:
            {
                var relative = model.Relative(list.File);
                foreach (var element in list.Elements.Where(e => _copied.Add((list.File, e))))
                    changes.Edit(relative, text => YamlBlockEditor.CopyItem(text, relative, element, Renamed, out _));
                break;
            }
        }
    }

    /// <summary>The environment's sync policy on a copied Application: automated with prune and self-heal, or no automated sync at all.</summary>
    public static string SyncPolicy(string text, string file, EnvironmentPolicy? policy)
    {
        if (policy?.AutoSync is not { } auto) return text;
        var automated = YamlPath.Of("spec", "syncPolicy", "automated");
        if (!auto) return YamlBlockEditor.Exists(text, file, automated) ? YamlBlockEditor.Remove(text, file, automated) : text;
        text = YamlBlockEditor.SetFlag(text, file, "spec.syncPolicy.automated.prune", true);
        return YamlBlockEditor.SetFlag(text, file, "spec.syncPolicy.automated.selfHeal", true);
    }
}
