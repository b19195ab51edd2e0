using System.Reflection;
using Matching.Workers;

namespace Matching.Tests.Contracts;

/// <summary>
/// The contracts assembly is what a client of the grains takes in: the API in cluster mode, the load tools.
/// These checks keep it that way, so a grain, a store or the silo runtime cannot slip into it unnoticed.
/// </summary>
public sealed class ContractsAssemblyTests
{
    private static readonly Assembly _contracts = typeof(IWorkerGrain).Assembly;

    /// <summary>
    /// The Orleans assemblies a client needs: grain and serializer abstractions and the generated code's support.
    /// The runtime, hosting, reminders, storage and clustering providers are the silo's and do not belong here.
    /// </summary>
    private static readonly HashSet<string> _allowedOrleans = new(StringComparer.Ordinal)
    {
        "Orleans.Core",
        "Orleans.Core.Abstractions",
        "Orleans.Serialization",
        "Orleans.Serialization.Abstractions",
    };

    private static string[] References() => [.. _contracts.GetReferencedAssemblies().Select(a => a.Name!)];

    [Fact]
    public void The_grain_interfaces_live_in_the_contracts_assembly()
    {
        Assert.Equal("Matching.Contracts", _contracts.GetName().Name);
    }

    [Fact]
    public void Contracts_do_not_reference_the_grains()
    {
        Assert.DoesNotContain(References(), name => name.StartsWith("Matching.", StringComparison.Ordinal));
    }

    [Fact]
    public void Contracts_reference_no_Orleans_runtime_or_provider()
    {
        var orleans = References().Where(name => name.StartsWith("Orleans", StringComparison.Ordinal)).ToArray();

        Assert.NotEmpty(orleans);
        Assert.All(orleans, name => Assert.Contains(name, _allowedOrleans));
    }

    [Fact]
    public void Contracts_reference_no_database_driver()
    {
        Assert.DoesNotContain(References(), name =>
            name.StartsWith("Npgsql", StringComparison.Ordinal) || name.StartsWith("Microsoft.Data.", StringComparison.Ordinal));
    }

    /// <summary>
    /// A grain's exception reaches a client of the contracts alone (the API in cluster mode) only if that client
    /// can deserialize it: one defined in the grains assembly arrives as a serializer error instead of its answer,
    /// so every exception type of the product is a contract.
    /// </summary>
    [Fact]
    public void Every_exception_the_product_defines_is_a_contract()
    {
        var grains = typeof(Idempotency.IdempotencyGrain).Assembly;

        var strays = grains.GetTypes().Where(t => typeof(Exception).IsAssignableFrom(t)).Select(t => t.FullName).ToArray();

        Assert.Empty(strays);
        Assert.Contains(_contracts.GetTypes(), t => t == typeof(Errors.StoreException));
    }
}
