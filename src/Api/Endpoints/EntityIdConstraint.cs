using Matching.Validation;

namespace Matching.Api.Endpoints;

/// <summary>
/// <c>{id:entityId}</c>: a route value that can be an entity's id at all (1-64 letters, digits, '.', '_', '-').
/// Anything else cannot name an entity, so the route does not match and the answer is 404; a grain is never
/// asked for a key it would refuse (blank keys make Orleans throw).
/// </summary>
public sealed class EntityIdConstraint : IRouteConstraint
{
    public const string Name = "entityId";

    public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection) =>
        values.TryGetValue(routeKey, out var value) && FieldErrors.IsValidId(value as string);
}
