# Dockhand worker image for docker-compose.yml. Needs a registry (mcr.microsoft.com); on
# machines without one, scripts/up.sh runs the same program from a local publish instead.
# Build context: the repository root.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/ src/
# Build output copied from a developer's tree would confuse the restore: start clean.
RUN find src -type d \( -name bin -o -name obj \) -prune -exec rm -rf {} + \
 && dotnet publish src/Worker/Dockhand.Worker.csproj -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app ./
ENV ASPNETCORE_HTTP_PORTS=8080 \
    DOTNET_CLI_TELEMETRY_OPTOUT=1
EXPOSE 8080
ENTRYPOINT ["dotnet", "Dockhand.Worker.dll"]
