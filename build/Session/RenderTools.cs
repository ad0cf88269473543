using GitOps.Build.Helm;

namespace GitOps.Build.Session;

/// <summary>
/// The programs a repository session renders with: helm as the caller built it (behind its result
/// cache or not), the pinned helm and kubectl (found or installed when a unit first needs them, so a
/// run that renders nothing of a kind never fetches its tool), where remote charts are cached and
/// whether anything may be fetched at all (--offline; which hosts, the session's configuration says). Every session of a run (the working tree, Diff's base side) shares one.
/// </summary>
public sealed record RenderTools(IHelm Helm, Func<string> HelmPath, Func<string> KubectlPath, string ChartCache, bool Offline);
