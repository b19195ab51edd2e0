using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace Matching.Silo;

/// <summary>
/// Says once that the silo has joined its cluster and serves, with its address: the line operators and
/// process supervisors wait for (hosted services start after the silo, which starts only once it is active).
/// </summary>
internal sealed class SiloStartedLog(ILocalSiloDetails silo, IOptions<MatchingOptions> options, ILogger<SiloStartedLog> logger)
    : IHostedService
{
    public const string Message = "Silo active";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        logger.LogInformation(
            Message + " at {SiloAddress}, gateway {Gateway}, mode {Mode}",
            silo.SiloAddress, silo.GatewayAddress, options.Value.Mode);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
