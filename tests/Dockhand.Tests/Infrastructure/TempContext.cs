namespace Dockhand.Tests.Infrastructure;

/// <summary>A build context directory for one test, deleted afterwards.</summary>
public sealed class TempContext : IDisposable
{
    public TempContext()
    {
        Path = Directory.CreateTempSubdirectory("dockhand-ctx-").FullName;
    }

    public string Path { get; }

    public TempContext With(string relativePath, string content, UnixFileMode? mode = null)
    {
        var full = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content.ReplaceLineEndings("\n"));
        if (mode is { } unixMode)
        {
            File.SetUnixFileMode(full, unixMode);
        }
        return this;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
