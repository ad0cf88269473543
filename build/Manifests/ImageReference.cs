namespace GitOps.Build.Manifests;

/// <summary>An image reference split the way container runtimes read it: [registry[:port]/]path[:tag][@digest].</summary>
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
}
