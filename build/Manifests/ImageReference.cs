namespace GitOps.Build.Manifests;

/// <summary>An image reference split the way container runtimes read it: [registry[:port]/]path[:tag][@digest].</summary>
/// <param name="Tag">Empty when the reference names no tag.</param>
public sealed record ImageReference(string Repository, string Tag, string? Digest)
{
    public static ImageReference Parse(string image)
    {
        string? digest = null;
        var at = image.IndexOf('@');
        if (at >= 0)
        {
            digest = image[(at + 1)..];
            image = image[..at];
        }
        var colon = image.LastIndexOf(':');
        // A colon before the last slash belongs to a registry port (registry:5000/app), not a tag.
        return colon > image.LastIndexOf('/') ? new(image[..colon], image[(colon + 1)..], digest) : new(image, "", digest);
    }

    /// <summary>The tag and digest without the repository: <c>1.4.2</c>, <c>1.4.2@sha256:…</c>, <c>@sha256:…</c>; what Promote moves.</summary>
    public string Version => Digest is null ? Tag : $"{Tag}@{Digest}";

    /// <summary>As written in a manifest: repository, then <c>:tag</c> and <c>@digest</c> when present.</summary>
    public string Text => Repository + (Tag.Length > 0 ? ":" + Tag : "") + (Digest is null ? "" : "@" + Digest);

    public override string ToString() => Text;
}
