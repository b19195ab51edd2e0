using Matching.Api.Endpoints;
using Matching.Api.Hosting;
using Matching.Api.Idempotency;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);
builder.AddMatchingCluster();
builder.AddMatchingApi();
builder.AddMatchingHubs();

var app = builder.Build();
app.UseIdempotency();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseDefaultFiles();
app.UseStaticFiles();
app.MapOpenApi();
app.MapScalarApiReference();
app.MapMatchingHealth();
app.MapReferenceApi();
app.MapEmployersApi();
app.MapJobOrdersApi();
app.MapHoldsApi();
app.MapMatchesApi();
app.MapWorkersApi();
app.MapLodgingApi();
app.MapFairsApi();
app.MapAdminApi();
app.MapMatchingHubs();
app.Run();

/// <summary>The API's entry point; public so functional tests can host it.</summary>
public partial class Program;
