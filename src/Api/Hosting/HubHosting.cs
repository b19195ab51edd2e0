using System.Text.Json;
using System.Text.Json.Serialization;
using Matching.Api.Hubs;
using Matching.Api.Security;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.Options;

namespace Matching.Api.Hosting;

/// <summary>The real-time side: the three hubs, their JSON shape, and the relay that feeds them.</summary>
public static class HubHosting
{
    /// <summary>
    /// Larger than any valid call (ids are 64 characters) by far, so an oversized argument is read and refused
    /// with a reason instead of closing the connection; past it SignalR closes the connection, as it must.
    /// </summary>
    public const int MaxMessageBytes = 512 * 1024;

    public static WebApplicationBuilder AddMatchingHubs(this WebApplicationBuilder builder)
    {
        builder.Services.AddSignalR(o =>
            {
                o.AddFilter<DomainHubFilter>();
                o.MaximumReceiveMessageSize = MaxMessageBytes;
            })
            .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase)));

        // The JSON protocol, wrapped so that calls whose arguments do not bind are explained (see ExplainingHubProtocol).
        var services = builder.Services;
        foreach (var json in services.Where(d => d.ServiceType == typeof(IHubProtocol) && d.ImplementationType == typeof(JsonHubProtocol)).ToList())
        {
            services.Remove(json);
        }

        services.AddSingleton<IHubProtocol>(sp => new ExplainingHubProtocol(new JsonHubProtocol(sp.GetRequiredService<IOptions<JsonHubProtocolOptions>>())));

        // SignalR logs every failed call at error level, refusals included; the hub filter logs the real failures.
        builder.Logging.AddFilter("Microsoft.AspNetCore.SignalR.Internal.DefaultHubDispatcher", LogLevel.Critical);

        services.AddOptions<HubPushOptions>().BindConfiguration(HubPushOptions.Section);
        services.AddSingleton<HubSnapshots>();
        services.AddSingleton<FeedRelay>();
        services.AddHostedService(sp => sp.GetRequiredService<FeedRelay>());
        services.AddImportProgress();
        return builder;
    }

    public static IEndpointRouteBuilder MapMatchingHubs(this IEndpointRouteBuilder app)
    {
        app.MapHub<RecruiterHub>("/hubs/recruiter", Connections).RequireAuthorization(Policies.Recruiting);
        app.MapHub<FairHub>("/hubs/fair", Connections).RequireAuthorization(Policies.Boards);
        app.MapHub<LodgingHub>("/hubs/lodging", Connections).RequireAuthorization(Policies.Lodging);
        app.MapHub<ImportHub>("/hubs/import", Connections).RequireAuthorization(Policies.Staff);
        return app;
    }

    private static void Connections(Microsoft.AspNetCore.Http.Connections.HttpConnectionDispatcherOptions o)
    {
        // A connection ends when its token expires, so a revoked role does not keep receiving pushes.
        o.CloseOnAuthenticationExpiration = true;

        // The transport buffers must hold a whole message of the largest size read, or a large one would stall.
        o.ApplicationMaxBufferSize = MaxMessageBytes;
        o.TransportMaxBufferSize = MaxMessageBytes;
    }
}
