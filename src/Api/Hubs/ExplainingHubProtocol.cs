using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace Matching.Api.Hubs;

/// <summary>
/// The JSON hub protocol, except that a call whose arguments do not bind (too few, too many, of another JSON
/// type) reaches the hub filter as a <see cref="CallRefusal"/> instead of SignalR's fixed "Failed to invoke …
/// due to an error on the server", which says neither what was wrong nor what was expected.
/// </summary>
public sealed partial class ExplainingHubProtocol(IHubProtocol inner) : IHubProtocol
{
    public string Name => inner.Name;

    public int Version => inner.Version;

    public TransferFormat TransferFormat => inner.TransferFormat;

    public bool IsVersionSupported(int version) => inner.IsVersionSupported(version);

    public ReadOnlyMemory<byte> GetMessageBytes(HubMessage message) => inner.GetMessageBytes(message);

    public void WriteMessage(HubMessage message, IBufferWriter<byte> output) => inner.WriteMessage(message, output);

    public bool TryParseMessage(ref ReadOnlySequence<byte> input, IInvocationBinder binder, [NotNullWhen(true)] out HubMessage? message)
    {
        if (!inner.TryParseMessage(ref input, binder, out message))
        {
            return false;
        }

        if (message is InvocationBindingFailureMessage failure)
        {
            // The dispatcher answers an unknown target itself ("Unknown hub method 'X'"); a known one runs the
            // filters, which turn the refusal into a HubException before the method would be called.
            var expected = Expected(binder, failure.Target);
            message = new InvocationMessage(
                failure.InvocationId,
                failure.Target,
                expected is null ? [] : [new CallRefusal(Explain(failure, expected))]);
        }

        return true;
    }

    /// <summary>The hub method the call named, found on the hub type of the connection's binder.</summary>
    private static MethodInfo? Expected(IInvocationBinder binder, string target)
    {
        var hub = binder.GetType().GenericTypeArguments.FirstOrDefault(t => t.IsAssignableTo(typeof(Hub)));
        return hub?.GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .FirstOrDefault(m => m.DeclaringType != typeof(object) && string.Equals(m.Name, target, StringComparison.OrdinalIgnoreCase));
    }

    private static string Explain(InvocationBindingFailureMessage failure, MethodInfo method)
    {
        var parameters = method.GetParameters();
        var signature = $"{method.Name}({string.Join(", ", parameters.Select(p => $"{p.Name}: {JsonTypeOf(p.ParameterType)}"))})";
        var count = ArgumentCount().Match(failure.BindingFailure.SourceException.Message);
        var problem = count.Success
            ? $"the call gave {count.Groups[1].Value} argument(s)"
            : "an argument is null or of another JSON type";
        return $"{method.Name} expects {parameters.Length} argument(s), {signature}; {problem}.";
    }

    private static string JsonTypeOf(Type type) => type switch
    {
        _ when type == typeof(string) => "string",
        _ when type == typeof(long) || type == typeof(int) => "integer",
        _ when type == typeof(bool) => "boolean",
        _ => "object",
    };

    /// <summary>The JSON protocol's own words for a count mismatch: "Invocation provides 2 argument(s) but target expects 1."</summary>
    [GeneratedRegex(@"provides (\d+) argument")]
    private static partial Regex ArgumentCount();
}

/// <summary>Stands in for the arguments of a call that did not bind; carries what to tell the caller.</summary>
public sealed record CallRefusal(string Reason);
