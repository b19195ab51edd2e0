using System.Text.Json;
using System.Text.Json.Serialization;
using Matching.Api.Hubs;
using Matching.Api.Security;
using Microsoft.AspNetCore.SignalR;

namespace Matching.Api.Hosting;

/// <summary>The real-time side: the three hubs, their JSON shape, and the relay that feeds them.</summary>
public static class HubHosting
{
    public static WebApplicationBuilder AddMatchingHubs(this WebApplicationBuilder builder)
    {
        builder.Services.AddSignalR(o => o.AddFilter<DomainHubFilter>())
            .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase)));
        builder.Services.AddSingleton<HubSnapshots>();
        builder.Services.AddSingleton<FeedRelay>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<FeedRelay>());
        return builder;
    }

    public static IEndpointRouteBuilder MapMatchingHubs(this IEndpointRouteBuilder app)
    {
        // A connection ends when its token expires, so a revoked role does not keep receiving pushes.
        app.MapHub<RecruiterHub>("/hubs/recruiter", o => o.CloseOnAuthenticationExpiration = true).RequireAuthorization(Policies.Recruiting);
        app.MapHub<FairHub>("/hubs/fair", o => o.CloseOnAuthenticationExpiration = true).RequireAuthorization(Policies.Boards);
        app.MapHub<LodgingHub>("/hubs/lodging", o => o.CloseOnAuthenticationExpiration = true).RequireAuthorization(Policies.Lodging);
        return app;
    }
}
