using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Matching.Api.Idempotency;

/// <summary>Shows the optional <c>Idempotency-Key</c> header on every operation the guard covers.</summary>
public static class IdempotencyOpenApi
{
    public static OpenApiOptions AddIdempotencyKeyHeader(this OpenApiOptions options) =>
        options.AddOperationTransformer((operation, context, _) =>
        {
            var description = context.Description;
            if (description.HttpMethod is { } method && IdempotencyHeaders.Covers(method, "/" + description.RelativePath))
            {
                operation.Parameters ??= [];
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = IdempotencyHeaders.Key,
                    In = ParameterLocation.Header,
                    Required = false,
                    Description = "A client-chosen key for this request, 1 to 255 printable ASCII characters. "
                        + "A retry with the same key and body returns the first answer (with `Idempotent-Replayed: true`) "
                        + "and changes nothing; the same key with a different body is 422.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = IdempotencyHeaders.MaxKeyLength },
                });
            }

            return Task.CompletedTask;
        });
}
