using Matching.Api.Security;
using Matching.Errors;
using Microsoft.AspNetCore.SignalR;

namespace Matching.Api.Hubs;

/// <summary>
/// The hubs' counterpart of the HTTP exception handler, around every hub call: a call over the caller's
/// allowance, a call whose arguments did not bind, and a domain error each reach the caller as a
/// <see cref="HubException"/> that says why (SignalR hides other exceptions' messages). Only failures that are
/// not refusals are logged as errors.
/// </summary>
public sealed class DomainHubFilter(HubCallLimiter limiter, ILogger<DomainHubFilter> logger) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext context, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        using var lease = limiter.Acquire(context.Context.User);
        if (!lease.IsAcquired)
        {
            throw new HubException(limiter.Refusal(lease));
        }

        if (context.HubMethodArguments is [CallRefusal refusal])
        {
            throw new HubException(refusal.Reason);
        }

        try
        {
            return await next(context);
        }
        catch (HubException)
        {
            throw;
        }
        catch (DomainException ex)
        {
            throw new HubException(ex.Message);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Hub call {Method} failed", context.HubMethodName);
            throw new HubException($"{context.HubMethodName} could not be completed now; try again later.");
        }
    }
}
