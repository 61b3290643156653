using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Dockhand.Tests.Infrastructure;

/// <summary>
/// The in-memory test server has no remote address: every call looks local. A request carrying
/// <see cref="Header"/> is given that address instead, so tests can be a caller from elsewhere.
/// </summary>
internal sealed class PretendRemoteCaller : IStartupFilter
{
    public const string Header = "X-Test-Remote-Address";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            if (context.Request.Headers.TryGetValue(Header, out var address))
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse(address.ToString());
            }
            return nextMiddleware(context);
        });
        next(app);
    };
}
