using Dockhand.Jobs.Specs;

namespace Dockhand.Dashboard.Api;

/// <summary>The API's error answers, all problem+json with the field errors the CLI prints.</summary>
internal static class Problems
{
    public static IResult Invalid(string title, IEnumerable<SpecError> errors) =>
        Results.Json(new ValidationProblem(title, StatusCodes.Status400BadRequest, [.. errors.Select(e => new FieldError(e.Field, e.Message))]),
            statusCode: StatusCodes.Status400BadRequest, contentType: "application/problem+json");

    public static IResult Invalid(string field, string message) => Invalid("The request is invalid", [new SpecError(field, message)]);

    public static IResult TooLarge(string field, string message) =>
        Results.Json(new ValidationProblem("The request is too large", StatusCodes.Status413PayloadTooLarge, [new FieldError(field, message)], $"{field}: {message}"),
            statusCode: StatusCodes.Status413PayloadTooLarge, contentType: "application/problem+json");

    public static IResult RunNotFound(Guid id) =>
        Results.Problem(title: $"run {id} not found", statusCode: StatusCodes.Status404NotFound);
}
