using System.Formats.Tar;
using System.Text;

namespace Dockhand.Tests.Engine;

/// <summary>Writes a small build context tar in memory, the way the engine expects it.</summary>
internal static class BuildContext
{
    public static MemoryStream Tar(params (string Path, string Content)[] files)
    {
        var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var (path, content) in files)
            {
                var entry = new PaxTarEntry(TarEntryType.RegularFile, path)
                {
                    DataStream = new MemoryStream(Encoding.UTF8.GetBytes(content)),
                };
                writer.WriteEntry(entry);
            }
        }

        tar.Position = 0;
        return tar;
    }

    public static MemoryStream WithDockerfile(string dockerfile) => Tar(("Dockerfile", dockerfile));
}
