using System.Reflection;
using Matching.Api.Idempotency;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing.Patterns;

namespace Matching.Api.Errors;

/// <summary>
/// Declares in the API description every 4xx a route under <c>/api</c> can answer, from what the route is: the
/// pipeline's answers (401 and 403 from authorization, 413 and 415 for a body, 429 from the rate limits and the
/// idempotency guard, which also answers 409 and 422 on mutating routes) and the domain's (400 for a body or query
/// that breaks a rule, 404 for an id in the path, 409 for a change the state forbids). A route adds what only its
/// handler knows (<c>.ProducesProblem(...)</c>); whatever it declared itself is left as it is.
/// </summary>
public static class ProblemAnswers
{
    private static readonly string[] _problemJson = ["application/problem+json"];

    /// <summary>Applies to every route mapped on <paramref name="builder"/>, once all its other conventions ran.</summary>
    public static TBuilder WithProblemAnswers<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.Finally(endpoint =>
        {
            if (endpoint is not RouteEndpointBuilder route || !UnderApi(route.RoutePattern))
            {
                return;
            }

            var declared = endpoint.Metadata.OfType<IProducesResponseTypeMetadata>().Select(p => p.StatusCode).ToHashSet();
            foreach (var status in StatusesOf(route))
            {
                if (declared.Add(status))
                {
                    endpoint.Metadata.Add(status == StatusCodes.Status400BadRequest
                        ? new ProducesResponseTypeMetadata(status, typeof(HttpValidationProblemDetails), _problemJson)
                        : new ProducesResponseTypeMetadata(status, typeof(ProblemDetails), _problemJson));
                }
            }
        });
        return builder;
    }

    /// <summary>The 4xx answers a route can give by what it is, in order.</summary>
    public static SortedSet<int> StatusesOf(RouteEndpointBuilder route)
    {
        var metadata = route.Metadata;
        var methods = metadata.OfType<IHttpMethodMetadata>().SelectMany(m => m.HttpMethods).ToList();
        var mutating = methods.Exists(m => IdempotencyHeaders.Covers(m, "/api"));
        var body = metadata.OfType<IAcceptsMetadata>().Any();
        var statuses = new SortedSet<int> { StatusCodes.Status429TooManyRequests };

        // Under /api every caller must sign in unless the route says otherwise; a role policy may still say no.
        if (!metadata.OfType<IAllowAnonymous>().Any())
        {
            statuses.Add(StatusCodes.Status401Unauthorized);
            if (metadata.OfType<IAuthorizeData>().Any(a => a.Policy is not null || a.Roles is not null))
            {
                statuses.Add(StatusCodes.Status403Forbidden);
            }
        }

        if (body)
        {
            statuses.UnionWith([StatusCodes.Status400BadRequest, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType]);
        }

        if (TakesQuery(route))
        {
            statuses.Add(StatusCodes.Status400BadRequest);
        }

        if (route.RoutePattern.Parameters.Count > 0)
        {
            statuses.Add(StatusCodes.Status404NotFound);
        }

        // The idempotency guard: a malformed key (400), the first request still running (409), the key used for
        // another request (422); and the change itself may be one the state forbids (409).
        if (mutating)
        {
            statuses.UnionWith([StatusCodes.Status400BadRequest, StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity]);
        }

        return statuses;
    }

    private static bool UnderApi(RoutePattern pattern) =>
        pattern.PathSegments is [{ Parts: [RoutePatternLiteralPart { Content: "api" }] }, ..];

    /// <summary>A handler parameter bound from the query: a parameter record, or a plain value not named in the path.</summary>
    private static bool TakesQuery(RouteEndpointBuilder route)
    {
        var handler = route.Metadata.OfType<MethodInfo>().FirstOrDefault();
        if (handler is null)
        {
            return false;
        }

        var inPath = route.RoutePattern.Parameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return handler.GetParameters().Any(p =>
            p.GetCustomAttribute<AsParametersAttribute>() is not null
            || p.GetCustomAttribute<FromQueryAttribute>() is not null
            || (IsPlainValue(p.ParameterType) && !inPath.Contains(p.Name ?? "") && !p.GetCustomAttributes().Any(IsOtherSource)));
    }

    private static bool IsOtherSource(Attribute a) =>
        a is FromHeaderAttribute or FromServicesAttribute or FromKeyedServicesAttribute or FromBodyAttribute or FromRouteAttribute;

    private static bool IsPlainValue(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(DateOnly) || t == typeof(DateTimeOffset) || t == typeof(Guid);
    }
}
