namespace Dockhand.Cli;

/// <summary>Input the user can fix (a missing file, a bad URL). The message is printed after <c>dockhand: </c>.</summary>
internal sealed class CliUsageException(string message) : Exception(message);
