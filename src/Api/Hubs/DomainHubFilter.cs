using Matching.Errors;
using Microsoft.AspNetCore.SignalR;

namespace Matching.Api.Hubs;

/// <summary>
/// The hubs' counterpart of the HTTP exception handler: a domain error reaches the caller as a
/// <see cref="HubException"/> with its message (SignalR hides other exceptions' messages).
/// </summary>
public sealed class DomainHubFilter : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext context, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        try
        {
            return await next(context);
        }
        catch (DomainException ex)
        {
            throw new HubException(ex.Message);
        }
    }
}
