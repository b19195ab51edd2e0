using Matching.Api.Endpoints;
using Matching.Api.Errors;
using Matching.Api.Hosting;
using Matching.Api.Idempotency;
using Matching.Api.Security;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);
builder.AddMatchingCluster();
builder.AddMatchingApi();
builder.AddMatchingSecurity();
builder.AddMatchingHubs();
builder.AddMatchingTelemetry();

var app = builder.Build();

// Order matters: headers and body limits on every answer; the caller is known (from the bearer header, or on the
// dashboard's paths its session cookie) before rate limits count it and before authorization, which turns strangers away before the idempotency guard stores anything for them.
app.UseDashboardContentPolicy();
app.UseSecurityHeadersAndLimits();
app.UseCors();
app.UseDashboardSession();
app.UseAuthentication();
app.UseRateLimiter();
app.UseAuthorization();
app.UseMiddleware<JsonBodies>();
app.UseIdempotency();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseDefaultFiles();
app.UseStaticFiles();
app.MapOpenApi();
app.MapScalarApiReference();
app.MapMatchingHealth();

// The resources, each route declaring in the API description every 4xx it can answer.
var api = app.MapGroup("").WithProblemAnswers();
api.MapReferenceApi();
api.MapDevTokensApi();
api.MapEmployersApi();
api.MapJobOrdersApi();
api.MapHoldsApi();
api.MapMatchesApi();
api.MapWorkersApi();
api.MapLodgingApi();
api.MapFairsApi();
api.MapImportsApi();
api.MapCheckInCodesApi();
api.MapAdminApi();
api.MapAuditApi();
api.MapReportsApi();

app.MapMatchingHubs();
app.MapMatchingMetrics();
app.MapMatchingDashboard();
app.Run();

/// <summary>The API's entry point; public so functional tests can host it.</summary>
public partial class Program;
