using System.Text.Json;
using System.Text.Json.Serialization;
using Matching.Api.Endpoints;
using Matching.Api.Errors;
using Matching.Api.Health;
using Matching.Api.Idempotency;
using Matching.Api.Security;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Json;

namespace Matching.Api.Hosting;

/// <summary>The HTTP side: JSON shape, errors as ProblemDetails, OpenAPI, health checks.</summary>
public static class ApiHosting
{
    public static WebApplicationBuilder AddMatchingApi(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        });

        // Binding failures (malformed JSON, wrong types, wrong content type) are thrown rather than answered
        // with an empty 400, so the one exception handler gives them the same ProblemDetails shape.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        // Ahead of the framework's writer, which would decline callers whose Accept header names no JSON.
        services.AddSingleton<IProblemDetailsWriter, ProblemJsonWriter>();
        services.AddProblemDetails();
        services.Configure<RouteOptions>(o => o.SetParameterPolicy<EntityIdConstraint>(EntityIdConstraint.Name));
        services.AddExceptionHandler<DomainExceptionHandler>();
        services.Configure<ExceptionHandlerOptions>(o => o.SuppressDiagnosticsCallback = c => DomainExceptionHandler.IsRefusal(c.Exception));
        services.AddSingleton<BodyFieldErrors>();

        services.AddIdempotency(builder.Configuration);
        services.AddOpenApi(o => o.AddIdempotencyKeyHeader().AddBearerSecurity());
        services.AddHealthChecks().AddCheck<ClusterHealthCheck>("cluster", tags: [ClusterHealthCheck.ReadyTag]);
        services.AddHostedService<AddressesLog>();
        return builder;
    }
}
