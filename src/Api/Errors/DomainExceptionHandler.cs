using System.Text.Json;
using Matching.Api.Security;
using Matching.Errors;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Matching.Api.Errors;

/// <summary>
/// The one place where failures become answers: domain errors from grains and binding errors from
/// ASP.NET Core turn into ProblemDetails with the right status; a passing outage of the store or of a silo is a
/// 503 the client may retry; anything else is a 500 without internals.
/// </summary>
public sealed class DomainExceptionHandler(
    IProblemDetailsService problems,
    BodyFieldErrors bodyErrors,
    ILogger<DomainExceptionHandler> logger) : IExceptionHandler
{
    /// <summary>
    /// Refusals are answers, not failures: the framework's own "unhandled exception" error line is left out
    /// for them (the handler logs them at debug level), so the error log holds only what went wrong.
    /// </summary>
    public static bool IsRefusal(Exception exception) => exception is DomainException or BadHttpRequestException;

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception is BadHttpRequestException b ? await BadRequestAsync(context, b) : ProblemFor(exception);

        if (problem.Status == StatusCodes.Status500InternalServerError)
        {
            logger.LogError(exception, "Unhandled error on {Method} {Path}", context.Request.Method, context.Request.Path);
        }
        else if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            logger.LogWarning("Outage on {Method} {Path}: {Reason}", context.Request.Method, context.Request.Path, exception.Message);
            context.Response.Headers.RetryAfter = RetryAfterSeconds;
        }
        else
        {
            logger.LogDebug("Refused {Method} {Path} with {Status}: {Reason}", context.Request.Method, context.Request.Path, problem.Status, exception.Message);
        }

        context.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    /// <summary>
    /// The answer a failure stands for. Also what each row of a bulk registration answers, so a row reads like the
    /// single route would have answered it.
    /// </summary>
    public static ProblemDetails ProblemFor(Exception exception) => exception switch
    {
        ValidationFailedException v => new ValidationProblemDetails(v.Errors)
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "One or more fields are invalid.",
        },
        NotFoundException n => new ProblemDetails
        {
            Status = StatusCodes.Status404NotFound,
            Title = "Not found.",
            Detail = n.Message,
        },
        ForbiddenException f => new ProblemDetails
        {
            Status = StatusCodes.Status403Forbidden,
            Title = "Forbidden.",
            Detail = f.Message,
        },
        ConflictException c => new ProblemDetails
        {
            Status = StatusCodes.Status409Conflict,
            Title = "Conflict with the current state.",
            Detail = c.Message,
            Extensions = { ["code"] = c.Code },
        },
        BadHttpRequestException b => BadRequest(b),
        _ when IsOutage(exception) => new ProblemDetails
        {
            Status = StatusCodes.Status503ServiceUnavailable,
            Title = "A part of the product is unavailable for a moment; retry the request.",
        },
        _ => new ProblemDetails
        {
            Status = StatusCodes.Status500InternalServerError,
            Title = "An unexpected error occurred.",
        },
    };

    /// <summary>
    /// Long enough for a silo to be declared dead and its grains to move, or for the database to come back; a
    /// client that retries sooner only gets more 503s.
    /// </summary>
    private const string RetryAfterSeconds = "2";

    /// <summary>
    /// Whether the failure is a passing outage rather than a defect: the store failed (a grain's storage provider
    /// wraps the <see cref="StoreException"/> in its own), a silo did not answer in time or is gone. A write the
    /// store refused changed nothing (its grain drops the activation); one whose answer was lost in a silo's outage
    /// may have, so clients retry under their Idempotency-Key, which runs the request again and lets it recognise
    /// its own change, as for any 5xx.
    /// </summary>
    private static bool IsOutage(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is StoreException or TimeoutException or SiloUnavailableException or OrleansMessageRejectionException)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A JSON value that does not fit the expected type, as a field error at its path ("minWage",
    /// "skills[0].level"), or at <paramref name="whole"/> when the reader failed before reaching any field.
    /// </summary>
    public static ValidationFailedException Unreadable(JsonException json, string whole = "body")
    {
        var field = string.IsNullOrEmpty(json.Path) ? "" : json.Path.TrimStart('$', '.');
        return ValidationFailedException.For(field.Length == 0 ? whole : field, "is not valid JSON of the expected type.");
    }

    /// <summary>Malformed bodies name the JSON path that failed, like a field rule would.</summary>
    private static ProblemDetails BadRequest(BadHttpRequestException exception)
    {
        if (exception.InnerException is JsonException json)
        {
            return new ValidationProblemDetails(Unreadable(json).Errors)
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "The request body could not be read.",
            };
        }

        return new ProblemDetails
        {
            Status = exception.StatusCode,
            Title = "The request could not be read.",
            Detail = exception.Message,
        };
    }

    /// <summary>
    /// A body with values of the wrong type names every such field and every other broken field rule; a body
    /// that is not JSON at all names the path where reading stopped.
    /// </summary>
    private async Task<ProblemDetails> BadRequestAsync(HttpContext context, BadHttpRequestException exception)
    {
        if (exception.InnerException is JsonException json)
        {
            var fields = await bodyErrors.CollectAsync(context);
            return new ValidationProblemDetails(fields ?? Unreadable(json).Errors)
            {
                Status = StatusCodes.Status400BadRequest,
                Title = fields is null ? "The request body could not be read." : "One or more fields are invalid.",
            };
        }

        return new ProblemDetails
        {
            Status = exception.StatusCode,
            Title = "The request could not be read.",
            Detail = exception.Message,
        };
    }
}
