using System.Text.Json;
using System.Text.Json.Serialization;
using Matching.Api.Hubs;
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
        app.MapHub<RecruiterHub>("/hubs/recruiter");
        app.MapHub<FairHub>("/hubs/fair");
        app.MapHub<LodgingHub>("/hubs/lodging");
        return app;
    }
}
