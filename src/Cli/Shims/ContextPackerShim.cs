// THROWAWAY SHIM: the real Dockhand.Jobs.Contexts.ContextPacker lives in src/Jobs/Contexts/ on
// another branch. Delete this file when that branch is merged, or the two classes collide.
using System.Formats.Tar;
using System.Security.Cryptography;

namespace Dockhand.Jobs.Contexts;

public static class ContextPacker
{
    public static async Task<PackedContext> PackDirectoryAsync(string directory, string dockerfilePath, long maxBytes, CancellationToken ct)
    {
        _ = dockerfilePath;
        var tarPath = Path.Combine(Path.GetTempPath(), $"dockhand-context-{Guid.NewGuid():N}.tar");
        try
        {
            await using (var tar = File.Create(tarPath))
                await TarFile.CreateFromDirectoryAsync(directory, tar, includeBaseDirectory: false, ct);

            await using var read = File.OpenRead(tarPath);
            if (read.Length > maxBytes) throw new ContextTooLargeException(maxBytes);
            var hash = await SHA256.HashDataAsync(read, ct);
            return new PackedContext("sha256:" + Convert.ToHexStringLower(hash), read.Length, tarPath);
        }
        catch
        {
            File.Delete(tarPath);
            throw;
        }
    }
}
