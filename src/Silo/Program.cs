using Matching;
using Matching.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

// The standalone silo host. Until the cluster profile lands it runs one silo with localhost
// clustering over the same store as the embedded default, for trying the grains without the API.
var builder = Host.CreateApplicationBuilder(args);
var options = builder.Configuration.GetSection(MatchingOptions.Section).Get<MatchingOptions>() ?? new MatchingOptions();
builder.UseOrleans(silo => silo
    .UseLocalhostClustering(options.SiloPort, options.GatewayPort)
    .AddMatching(builder.Configuration));
await builder.Build().RunAsync();
