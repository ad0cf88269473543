using GitOps.Build.Helm;
using GitOps.Build.Kubectl;
using GitOps.Build.Tools.Caching;

namespace GitOps.Build.Session;

/// <summary>
/// The programs a repository session renders with: helm behind the result cache and helm without it
/// (for what must not be stored: ApplicationSet Go templates), kubectl, the result cache of helm and
/// kustomize, the pinned helm and kubectl binaries (found or installed when a unit first needs them,
/// so a run that renders nothing of a kind never fetches its tool), where remote charts are cached and
/// whether anything may be fetched at all (--offline; which hosts, the session's configuration says).
/// Every session of a run (the working tree, Diff's base side) shares one.
/// </summary>
public sealed record RenderTools(IHelm Helm, IHelm UncachedHelm, IKubectl Kubectl, ResultCache Results,
    Func<string> HelmPath, Func<string> KubectlPath, string ChartCache, bool Offline);
