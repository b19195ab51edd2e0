using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Matching.Api.Security;

/// <summary>Declares the bearer token in the API description, so the API page asks for one and sends it.</summary>
public static class BearerOpenApi
{
    public const string Scheme = "Bearer";

    public static OpenApiOptions AddBearerSecurity(this OpenApiOptions options) =>
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[Scheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "A token with a role (and employer_id, site_id or fair_id); in development from POST /api/dev/tokens.",
            };
            document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Scheme, document, null)] = [] }];
            return Task.CompletedTask;
        });
}
