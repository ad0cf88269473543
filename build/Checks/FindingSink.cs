using GitOps.Build.Manifests;

namespace GitOps.Build.Checks;

/// <summary>
/// Collects findings with the object each is about, so that object's suppression annotations can
/// be applied once at the end (rules never look at annotations themselves).
/// </summary>
public sealed class FindingSink
{
    private readonly List<(Finding Finding, ManifestObject? Subject)> items = [];

    public IReadOnlyList<(Finding Finding, ManifestObject? Subject)> Items => items;

    public void Add(Finding finding, ManifestObject? subject = null) => items.Add((finding, subject));

    /// <summary>A finding on an object at a JSON pointer inside it.</summary>
    public void Add(Rule rule, CheckedObject target, string pointer, string message, Severity? severity = null) =>
        Add(rule.At(target.Reference, target.File, target.Manifest.LineOf(pointer), message + target.Origin, severity), target.Manifest);
}
