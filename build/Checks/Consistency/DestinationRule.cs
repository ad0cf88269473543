using GitOps.Build.Findings;
using GitOps.Build.GitOps;

namespace GitOps.Build.Checks.Consistency;

/// <summary>
/// An Application in Git must name exactly one of destination.server and destination.name: Argo CD
/// marks any other InvalidSpecError and never syncs it. (A generated one is judged where its
/// ApplicationSet is expanded, which knows whether the clusters it came from are known here.)
/// </summary>
public static class DestinationRule
{
    public static void Check(ArgoApplication app, CheckedObject appTarget, FindingSink sink)
    {
        if (app.GeneratedBy != null) return;
        if (ArgoApplication.DestinationRefusal(app.DestinationServer, app.DestinationName) is not { } refusal) return;
        var which = app.DestinationServer is { Length: > 0 } ? "names both destination.server and destination.name" : "names neither destination.server nor destination.name";
        sink.Add(Rules.GitOpsDestination, appTarget, "/spec/destination",
            $"Application {app.Name} {which}; Argo CD refuses it and never syncs it ({refusal})");
    }
}
