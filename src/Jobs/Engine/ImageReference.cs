namespace Dockhand.Jobs.Engine;

/// <summary>Just enough reference parsing for a pull: the registry host and an explicit tag.</summary>
internal static class ImageReference
{
    /// <summary>Adds <c>:latest</c> when the reference has neither tag nor digest: the engine's
    /// create endpoint would otherwise pull every tag of the repository.</summary>
    public static string WithDefaultTag(string image)
    {
        if (image.Contains('@', StringComparison.Ordinal))
        {
            return image;
        }

        var lastSegment = image[(image.LastIndexOf('/') + 1)..];
        return lastSegment.Contains(':', StringComparison.Ordinal) ? image : image + ":latest";
    }

    /// <summary>The registry part (<c>host[:port]</c>) when the first segment names one, else Docker Hub's.</summary>
    public static string Registry(string image)
    {
        var slash = image.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0)
        {
            var first = image[..slash];
            if (first.Contains('.', StringComparison.Ordinal) || first.Contains(':', StringComparison.Ordinal) || first == "localhost")
            {
                return first;
            }
        }

        return "https://index.docker.io/v1/";
    }
}
