using System.Text.Json;
using System.Text.Json.Nodes;
using Matching.Employers;
using Matching.Errors;
using Matching.Fairs;
using Matching.JobOrders;
using Matching.Lodging;
using Matching.Reference;
using Matching.Workers;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace Matching.Api.Errors;

/// <summary>
/// Every field error of a body that did not bind: the JSON reader stops at the first value of a wrong type
/// (<c>"startDate":"2027/03/01"</c>), which would hide every other broken field of the same body. This reads
/// the body again field by field, names each value of a wrong type, and runs the entity's field rules on the
/// rest, so the caller hears of everything at once — as it does when every value has the right type.
/// </summary>
public sealed class BodyFieldErrors(
    IOptions<JsonOptions> json,
    ReferenceData refs,
    IOptions<LodgingOptions> lodging,
    [FromKeyedServices(MatchingClock.Key)] TimeProvider clock)
{
    private static readonly object _bodyTypeKey = new();

    /// <summary>
    /// Notes the type the endpoint binds its body to while the endpoint is known: the exception handler runs
    /// with the endpoint cleared.
    /// </summary>
    public static void RememberBodyType(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType is { } type)
        {
            context.Items[_bodyTypeKey] = type;
        }
    }

    /// <summary>The errors of the endpoint's body, or null when the body cannot be read again or is not an object.</summary>
    public async Task<Dictionary<string, string[]>?> CollectAsync(HttpContext context)
    {
        var bodyType = context.Items[_bodyTypeKey] as Type;
        var body = context.Request.Body;
        if (bodyType is null || !body.CanSeek)
        {
            return null;
        }

        body.Position = 0;
        JsonObject? fields;
        try
        {
            fields = await JsonNode.ParseAsync(body, cancellationToken: context.RequestAborted) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }

        if (fields is null)
        {
            return null;
        }

        var options = json.Value.SerializerOptions;
        var properties = options.GetTypeInfo(bodyType).Properties;
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var (name, value) in fields.ToList())
        {
            var property = properties.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
            if (property is null)
            {
                continue;
            }

            try
            {
                value.Deserialize(property.PropertyType, options);
            }
            catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException)
            {
                errors[property.Name] = [Expected(property.PropertyType)];
                fields.Remove(name);
            }
        }

        if (errors.Count == 0)
        {
            return null;
        }

        // The rest binds now; its rule errors join the type errors (a field's type error says the most about it).
        var rest = fields.Deserialize(bodyType, options);
        foreach (var (field, messages) in RuleErrors(rest, HttpMethods.IsPut(context.Request.Method)))
        {
            errors.TryAdd(field, messages);
        }

        return errors;
    }

    /// <summary>The entities' own rules, as their grains run them; bodies without field rules add nothing.</summary>
    private IReadOnlyDictionary<string, string[]> RuleErrors(object? body, bool update)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        try
        {
            _ = body switch
            {
                EmployerProfile p => EmployerRules.Normalize(p, p.Id ?? ""),
                // A change may leave the employer out: it stays the order's.
                JobOrderProfile p => JobOrderRules.Normalize(update && string.IsNullOrWhiteSpace(p.EmployerId) ? p with { EmployerId = "unchanged" } : p, p.Id ?? "", refs, today),
                WorkerProfile p => WorkerRules.Normalize(p, p.Id ?? "", refs, today),
                FairProfile p => FairRules.Normalize(p, p.Id ?? "", today),
                LodgingSiteProfile p => LodgingRules.Normalize(p, p.Id ?? ""),
                StayRequest r => StayRules.Normalize(r, r.SiteId?.Trim() ?? "", lodging.Value, today),
                _ => (object?)null,
            };
        }
        catch (ValidationFailedException e)
        {
            return e.Errors;
        }

        return new Dictionary<string, string[]>();
    }

    private static string Expected(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type switch
        {
            _ when type == typeof(DateOnly) => "must be a date as yyyy-MM-dd.",
            _ when type == typeof(int) || type == typeof(long) => "must be a whole number.",
            _ when type == typeof(bool) => "must be true or false.",
            _ when type == typeof(string) => "must be a string.",
            _ when type == typeof(string[]) => "must be a list of strings.",
            _ when type.IsArray => "must be a list of objects of the expected shape.",
            _ => "is not valid JSON of the expected type.",
        };
    }
}
