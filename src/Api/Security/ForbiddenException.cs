using Matching.Errors;

namespace Matching.Api.Security;

/// <summary>
/// The caller is known but may not touch this tenant's resource (HTTP 403). A domain error like the others,
/// so the one exception handler answers it and the hubs' filter turns it into a <c>HubException</c>.
/// </summary>
public sealed class ForbiddenException(string message) : DomainException(message);
