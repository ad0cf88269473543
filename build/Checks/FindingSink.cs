using GitOps.Build.Findings;
using GitOps.Build.Manifests;

namespace GitOps.Build.Checks;

/// <summary>
/// Collects findings with the object each is about, so that object's suppression annotations can
/// be applied once at the end (rules never look at annotations themselves). A finding on an object
/// takes the severity the object's environment and policy profile give its rule (see
/// <see cref="CheckOptions.SeverityOf"/>); a rule that is off there is not recorded.
/// </summary>
public sealed class FindingSink(CheckOptions? options = null)
{
    private readonly CheckOptions options = options ?? CheckOptions.Default;

    private readonly List<(Finding Finding, ManifestObject? Subject)> items = [];

    public IReadOnlyList<(Finding Finding, ManifestObject? Subject)> Items => items;

    public void Add(Finding finding, ManifestObject? subject = null) => items.Add((finding, subject));

    /// <summary>A finding on an object at a JSON pointer inside it.</summary>
    /// <param name="severity">A severity the rule decides itself (e.g. a certain defect of a rule the profile only warns about); null: the profile's.</param>
    public void Add(Rule rule, CheckedObject target, string pointer, string message, Severity? severity = null)
    {
        if ((severity ?? options.SeverityOf(rule, target.Environment)) is not { } effective) return;
        // At the repository file that produced the object; a rendered artifact is the related location.
        var at = target.At(pointer);
        Add(at.Finding(rule, target.Manifest.Reference, message + CheckedObject.OriginBeside(target.Origin, at.File), effective), target.Manifest);
    }

    /// <summary>
    /// The findings no annotation of their object suppresses (rules never look at annotations
    /// themselves), then what is wrong with the suppression annotations of <paramref name="objects"/>,
    /// each object once.
    /// </summary>
    public IReadOnlyList<Finding> Unsuppressed(IEnumerable<CheckedObject> objects)
    {
        var result = items.Where(i => !Suppressions.IsSuppressed(i.Finding, i.Subject)).Select(i => i.Finding).ToList();
        var seen = new HashSet<ManifestObject>(ReferenceEqualityComparer.Instance);
        foreach (var target in objects)
        {
            if (seen.Add(target.Manifest))
                result.AddRange(Suppressions.AnnotationProblems(target.Manifest, (rule, pointer, message) => target.At(pointer).Finding(rule, target.Manifest.Reference, message), CheckedObject.OriginBeside(target.Origin, target.At("").File)));
        }
        return result;
    }
}
