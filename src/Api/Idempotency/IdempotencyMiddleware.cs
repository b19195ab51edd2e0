using Matching.Errors;
using Matching.Idempotency;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Matching.Api.Idempotency;

/// <summary>
/// Makes a mutating request with an <c>Idempotency-Key</c> run once: a retry with the same key and the same
/// request gets the first answer again and changes nothing. Requests without the header pass untouched.
/// </summary>
/// <remarks>
/// It runs outside the exception handler and the status-code pages, so it sees each request's final answer:
/// a domain rule's 400, 404 or 409 is a first answer and is kept; a 5xx or an escaping exception releases
/// the key so that a retry runs again.
/// </remarks>
public sealed class IdempotencyMiddleware(
    RequestDelegate next,
    IGrainFactory grains,
    IProblemDetailsService problems,
    IOptions<IdempotencyOptions> options,
    ILogger<IdempotencyMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!IdempotencyHeaders.Covers(request.Method, request.Path)
            || !IsRoute(context)
            || !request.Headers.TryGetValue(IdempotencyHeaders.Key, out var header))
        {
            await next(context);
            return;
        }

        if (!IdempotencyHeaders.TryReadKey(header, out var key))
        {
            await WriteProblemAsync(context, new ValidationProblemDetails(new Dictionary<string, string[]>
            {
                [IdempotencyHeaders.Key] = [IdempotencyHeaders.KeyRule],
            })
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "The Idempotency-Key header is invalid.",
            });
            return;
        }

        string fingerprint;
        try
        {
            fingerprint = await RequestFingerprint.ComputeAsync(request, context.RequestAborted);
        }
        catch (BadHttpRequestException e)
        {
            await WriteProblemAsync(context, new ProblemDetails
            {
                Status = e.StatusCode,
                Title = "The request could not be read.",
                Detail = e.Message,
            });
            return;
        }

        var scope = IdempotencyScope.GrainKeyOf(CallerOf(context), request.Method, request.PathBase + request.Path, key);
        var grain = grains.GetGrain<IIdempotencyGrain>(scope);
        IdempotencyDecision decision;
        try
        {
            decision = await grain.BeginAsync(fingerprint);
        }
        catch (Exception e) when (!context.RequestAborted.IsCancellationRequested)
        {
            // Nothing has run yet, so the client may safely retry; running without the guard could run twice.
            logger.LogError(e, "Idempotency store unavailable for {Method} {Path}", request.Method, request.Path);
            await WriteProblemAsync(context, Unavailable());
            return;
        }

        switch (decision.Outcome)
        {
            case IdempotencyOutcome.Replay:
                await ReplayAsync(context.Response, decision.Answer!, context.RequestAborted);
                break;
            case IdempotencyOutcome.InProgress:
                await WriteProblemAsync(context, Conflict(
                    StatusCodes.Status409Conflict,
                    ProblemCodes.IdempotencyInProgress,
                    "A request with this Idempotency-Key is still running; retry after it ends."));
                break;
            case IdempotencyOutcome.FingerprintMismatch:
                await WriteProblemAsync(context, Conflict(
                    StatusCodes.Status422UnprocessableEntity,
                    ProblemCodes.IdempotencyKeyReused,
                    "This Idempotency-Key was used for a different request; use a new key for a new request."));
                break;
            default:
                bool counted;
                try
                {
                    counted = await grains.GetGrain<IIdempotencyQuotaGrain>(IdempotencyScope.QuotaKeyOf(CallerOf(context))).TryTakeAsync();
                }
                catch (Exception e) when (!context.RequestAborted.IsCancellationRequested)
                {
                    // As when the key could not be taken: nothing has run, so the key is released for the retry at
                    // once rather than held "in progress" until its timeout.
                    logger.LogError(e, "Idempotency quota unavailable for {Method} {Path}", request.Method, request.Path);
                    await AbandonAsync(grain, decision.Attempt);
                    await WriteProblemAsync(context, Unavailable());
                    return;
                }

                if (!counted)
                {
                    await AbandonAsync(grain, decision.Attempt);
                    context.Response.Headers.RetryAfter = "3600";
                    await WriteProblemAsync(context, Conflict(
                        StatusCodes.Status429TooManyRequests,
                        ProblemCodes.IdempotencyKeysExhausted,
                        $"This caller has {options.Value.MaxLiveKeysPerCaller} answers stored under Idempotency-Keys; retry later, or send the request without a key."));
                    break;
                }

                await RunOnceAsync(context, grain, scope, decision.Attempt);
                break;
        }
    }

    private static ProblemDetails Unavailable() => new()
    {
        Status = StatusCodes.Status503ServiceUnavailable,
        Title = "The request cannot be guarded against repetition now; retry later.",
    };

    /// <summary>
    /// Whether the request reached one of the API's routes. A 404 or 405 changes nothing, so there is nothing to
    /// guard, and storing its answer would let anyone fill the store with keys for addresses that do not exist.
    /// </summary>
    private static bool IsRoute(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IHttpMethodMetadata>() is not null;

    /// <summary>Runs the request holding its answer, stores a 2xx-4xx answer, then sends it.</summary>
    private async Task RunOnceAsync(HttpContext context, IIdempotencyGrain grain, string scope, Guid attempt)
    {
        var response = context.Response;
        var original = response.Body;
        using var capture = new ResponseCapture(original, options.Value.MaxStoredBodyBytes);
        response.Body = capture;
        using var ended = new CancellationTokenSource();
        var renewing = RenewWhileRunningAsync(grain, attempt, ended.Token);
        try
        {
            // The grains the request reaches keep its scope with what it changes, so a run again after a crash lost
            // the answer recognises its own change (see RequestKey).
            using (RequestKey.Serve(scope))
            {
                await next(context);
            }
        }
        catch
        {
            await AbandonAsync(grain, attempt);
            throw;
        }
        finally
        {
            response.Body = original;
            await ended.CancelAsync();
            await renewing;
        }

        if (capture.Overflowed || response.StatusCode is < 200 or >= 500)
        {
            await AbandonAsync(grain, attempt);
        }
        else
        {
            await CompleteAsync(context, grain, attempt, capture.ToArray());
        }

        if (!capture.Overflowed)
        {
            await capture.SendHeldAsync(context.RequestAborted);
        }
    }

    /// <summary>
    /// Renews the attempt's hold on its key every third of the in-progress timeout while the request runs, so the
    /// hold outlasts a long request yet lapses soon after its API node is gone. A renewal that fails (the key's silo
    /// is down) is tried again at the next tick; by then the hold may have lapsed and a retry run beside this one,
    /// which the entities' own request keys make safe (see RequestKey).
    /// </summary>
    private async Task RenewWhileRunningAsync(IIdempotencyGrain grain, Guid attempt, CancellationToken ended)
    {
        using var ticks = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.InProgressTimeoutSeconds / 3.0));
        try
        {
            while (await ticks.WaitForNextTickAsync(ended))
            {
                try
                {
                    if (!await grain.RenewAsync(attempt).WaitAsync(ended))
                    {
                        return;
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning(e, "Could not renew an idempotency key's hold");
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The request ended.
        }
    }

    /// <summary>
    /// The request has run, so its answer goes to the client even when it cannot be stored: the key's grain keeps
    /// it in memory, answers retries with it and stores it at the next one. Only when that grain is gone too (its
    /// silo died) does a retry run again, meeting the state the first run left.
    /// </summary>
    private async Task CompleteAsync(HttpContext context, IIdempotencyGrain grain, Guid attempt, byte[] body)
    {
        var response = context.Response;
        var answer = new IdempotentAnswer(response.StatusCode, response.ContentType, response.Headers.Location.FirstOrDefault(), body);
        try
        {
            await grain.CompleteAsync(attempt, answer);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Could not store the answer of {Method} {Path}", context.Request.Method, context.Request.Path);
            await AbandonAsync(grain, attempt);
        }
    }

    private async Task AbandonAsync(IIdempotencyGrain grain, Guid attempt)
    {
        try
        {
            await grain.AbandonAsync(attempt);
        }
        catch (Exception e)
        {
            // The key then stays blocked until the in-progress timeout; nothing more can be done here.
            logger.LogWarning(e, "Could not release an idempotency key");
        }
    }

    private static async Task ReplayAsync(HttpResponse response, IdempotentAnswer answer, CancellationToken cancellationToken)
    {
        response.StatusCode = answer.StatusCode;
        response.ContentType = answer.ContentType;
        if (answer.Location is not null)
        {
            response.Headers.Location = answer.Location;
        }

        response.Headers[IdempotencyHeaders.Replayed] = "true";
        if (answer.Body.Length > 0)
        {
            response.ContentLength = answer.Body.Length;
            await response.Body.WriteAsync(answer.Body, cancellationToken);
        }
    }

    private static ProblemDetails Conflict(int status, string code, string detail) => new()
    {
        Status = status,
        Title = "The Idempotency-Key cannot be used for this request now.",
        Detail = detail,
        Extensions = { ["code"] = code },
    };

    private async Task WriteProblemAsync(HttpContext context, ProblemDetails problem)
    {
        context.Response.StatusCode = problem.Status!.Value;
        await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
    }

    /// <summary>
    /// Keys are scoped per caller (the token's subject), so one client cannot replay another's answer. Only the
    /// development token route is open to anonymous callers, who share one scope.
    /// </summary>
    private static string CallerOf(HttpContext context) =>
        context.User.Identity is { IsAuthenticated: true, Name: { } name } ? name : "";
}
