using System.Formats.Tar;

namespace Dockhand.Jobs.Contexts;

/// <summary>
/// Tells a regular file from a fifo, socket or device, which .NET's FileInfo does not: opening
/// a fifo to read it would block forever. Those all report a length of 0, so only empty-looking
/// files are probed, by letting System.Formats.Tar (which lstat()s the path) describe them.
/// </summary>
internal static class FileKindProbe
{
    /// <summary>Null for a regular file, else what the file is (for the error message).</summary>
    public static string? DescribeIfSpecial(FileInfo file)
    {
        if (file.Length > 0)
        {
            return null;
        }

        try
        {
            using var buffer = new MemoryStream();
            using (var probe = new TarWriter(buffer, TarEntryFormat.Gnu, leaveOpen: true))
            {
                probe.WriteEntry(file.FullName, "probe");
            }

            buffer.Position = 0;
            var type = new TarReader(buffer).GetNextEntry()!.EntryType;
            return type is TarEntryType.RegularFile or TarEntryType.V7RegularFile ? null : Describe(type);
        }
        catch (IOException)
        {
            // System.Formats.Tar refuses sockets (and any other type it cannot archive).
            return "socket or other special file";
        }
    }

    private static string Describe(TarEntryType type) => type switch
    {
        TarEntryType.Fifo => "fifo",
        TarEntryType.CharacterDevice => "character device",
        TarEntryType.BlockDevice => "block device",
        _ => type.ToString(),
    };
}
