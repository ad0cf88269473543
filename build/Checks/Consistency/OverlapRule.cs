using GitOps.Build.Checks.Schema;

namespace GitOps.Build.Checks.Consistency;

/// <summary>Two Applications deploying the same object fight over it on every sync; report each later one.</summary>
public static class OverlapRule
{
    public static void Check(IEnumerable<CheckedObject> deployed, Scopes scopes, FindingSink sink)
    {
        var byIdentity = deployed.Where(o => o.Application != null && o.Manifest.Name.Length > 0)
            .GroupBy(o => DuplicateObjects.Identity(o, scopes.IsClusterScoped(o)));
        foreach (var group in byIdentity)
        {
            var owners = group.GroupBy(o => o.Application!.Name).ToList();
            if (owners.Count < 2) continue;
            var first = owners[0].First();
            foreach (var other in owners.Skip(1).Select(g => g.First()))
            {
                sink.Add(Rules.DuplicateDeploy, other, "/metadata/name",
                    $"{group.Key} is deployed by Application {other.Application!.Name} and by Application {first.Application!.Name} ({first.File}:{first.Manifest.Line}{first.Origin})");
            }
        }
    }
}
