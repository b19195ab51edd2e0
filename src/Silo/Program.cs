using Matching;
using Matching.Hosting;
using Matching.Silo;
using Matching.Storage.PostgreSql;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// The standalone silo host: in cluster mode (Matching:Mode=cluster) one of the silos behind the API,
// in embedded mode a single silo over the local store, for trying the grains without the API.
// `--apply-schema` applies the PostgreSQL schema and exits, for deployments that keep DDL out of silo starts.
var builder = Host.CreateApplicationBuilder(args);
if (args.Contains(SchemaCommand.Argument))
{
    return await SchemaCommand.RunAsync(builder.Configuration);
}

builder.UseOrleans(silo => silo
    .UseMatchingClustering(builder.Configuration)
    .AddMatching(builder.Configuration));
builder.Services.AddHostedService<SiloStartedLog>();
await builder.Build().RunAsync();
return 0;
