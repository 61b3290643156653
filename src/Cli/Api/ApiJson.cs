using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dockhand.Cli.Api;

/// <summary>Source-generated (de)serializers with the web defaults (camelCase, case-insensitive reads),
/// so the CLI starts fast and needs no reflection.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(RunView))]
[JsonSerializable(typeof(LogPage))]
[JsonSerializable(typeof(ApiProblem))]
internal sealed partial class ApiJson : JsonSerializerContext;
