using Microsoft.Extensions.Options;

namespace Dockhand.Jobs.Hosting;

/// <summary>The PostgreSQL that Dockhand and Hangfire share, from <c>ConnectionStrings:Dockhand</c>.</summary>
public sealed class DatabaseOptions
{
    public string? ConnectionString { get; set; }

    /// <summary>Schema of Hangfire's tables (Dockhand's own live in <c>dockhand</c>).</summary>
    public string HangfireSchema { get; set; } = "hangfire";
}

internal sealed class DatabaseOptionsValidator : IValidateOptions<DatabaseOptions>
{
    public ValidateOptionsResult Validate(string? name, DatabaseOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return ValidateOptionsResult.Fail(
                "ConnectionStrings:Dockhand is not set. Set it in appsettings.json or as the environment variable " +
                "ConnectionStrings__Dockhand, e.g. \"Host=127.0.0.1;Port=5432;Username=dockhand;Password=...;Database=dockhand\".");
        }
        try
        {
            _ = new Npgsql.NpgsqlConnectionStringBuilder(options.ConnectionString);
        }
        catch (ArgumentException e)
        {
            return ValidateOptionsResult.Fail($"ConnectionStrings:Dockhand is not a valid PostgreSQL connection string: {e.Message}");
        }
        return ValidateOptionsResult.Success;
    }
}
