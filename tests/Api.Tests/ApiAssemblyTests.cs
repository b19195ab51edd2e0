using System.Reflection;
using System.Reflection.Emit;
using Matching.Api.Hosting;
using Matching.Workers;

namespace Matching.Tests;

/// <summary>
/// The API is written against the contracts: in cluster mode it is a client of silos it does not contain, so a
/// rule or an engine it ran itself would be a second copy that can drift from the silos'. Only the embedded
/// default's host (<see cref="EmbeddedSilo"/>) may name grain code or the demo. These checks read every method
/// body of the API (lambdas, async state machines and local functions included) and every signature, so a call
/// into the grains cannot slip in anywhere.
/// </summary>
public sealed class ApiAssemblyTests
{
    private static readonly Assembly _api = typeof(EmbeddedSilo).Assembly;
    private static readonly string[] _implementation = ["Matching.Grains", "Matching.Workload"];

    [Fact]
    public void Only_the_embedded_host_names_grain_code_or_the_demo()
    {
        var users = CodeReferences.Into(_api, _implementation);

        // Not empty: the embedded host must be found naming the silo's registration, or the reader sees nothing.
        Assert.Equal([typeof(EmbeddedSilo).FullName!], users.Keys);
        Assert.Contains(users[typeof(EmbeddedSilo).FullName!], member => member.EndsWith("SiloBuilderExtensions.AddMatching", StringComparison.Ordinal));
    }

    [Fact]
    public void The_reader_finds_a_reference_inside_a_lambda_of_an_async_method()
    {
        // The tests' own assembly names the grains inside lambdas and async methods; the reader must see them there.
        var users = CodeReferences.Into(typeof(ApiAssemblyTests).Assembly, ["Matching.Contracts"]);

        Assert.Contains(typeof(ApiAssemblyTests).FullName!, users.Keys);
    }

    [Theory]
    [InlineData("Matching.Hosting")]
    [InlineData("Matching.Workload")]
    public void Hosting_and_the_workload_do_not_reference_the_grains(string assembly)
    {
        var references = Assembly.Load(assembly).GetReferencedAssemblies().Select(a => a.Name).ToArray();

        Assert.Contains("Matching.Contracts", references);
        Assert.DoesNotContain("Matching.Grains", references);
    }

    // Names a contract type inside an async lambda, for the reader's own check above.
    private static Task<string> NamesAContractAsync() => Task.Run(async () =>
    {
        await Task.Yield();
        return nameof(IWorkerGrain) + typeof(WorkerProfile).Name;
    });

    [Fact]
    public async Task The_contract_named_in_a_lambda_is_real()
    {
        Assert.Equal("IWorkerGrainWorkerProfile", await NamesAContractAsync());
    }

    /// <summary>Which types of an assembly name members of other assemblies, by outermost declaring type.</summary>
    private static class CodeReferences
    {
        private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance
            | BindingFlags.Static | BindingFlags.DeclaredOnly;

        private static readonly Dictionary<short, OpCode> _opCodes = typeof(OpCodes)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (OpCode)f.GetValue(null)!)
            .ToDictionary(o => o.Value);

        /// <summary>Outermost type → the members of <paramref name="targets"/> it names, in signatures and in code.</summary>
        public static Dictionary<string, SortedSet<string>> Into(Assembly assembly, string[] targets)
        {
            var found = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
            bool InTargets(Type? t) => t is not null && (t.HasElementType ? InTargets(t.GetElementType())
                : (t.IsGenericType && t.GetGenericArguments().Any(InTargets)) || (!t.IsGenericParameter && targets.Contains(t.Assembly.GetName().Name)));
            void Note(Type owner, string member)
            {
                while (owner.DeclaringType is not null)
                {
                    owner = owner.DeclaringType;
                }

                var key = owner.FullName ?? owner.Name;
                if (!found.TryGetValue(key, out var members))
                {
                    found[key] = members = new SortedSet<string>(StringComparer.Ordinal);
                }

                members.Add(member);
            }

            foreach (var type in assembly.GetTypes())
            {
                foreach (var t in type.GetInterfaces().Append(type.BaseType).Concat(type.GetFields(Declared).Select(f => f.FieldType)).Where(InTargets))
                {
                    Note(type, t!.FullName ?? t.Name);
                }

                foreach (var method in type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared)))
                {
                    var signature = method.GetParameters().Select(p => p.ParameterType)
                        .Concat(method is MethodInfo m ? [m.ReturnType] : []);
                    foreach (var t in signature.Where(InTargets))
                    {
                        Note(type, t.FullName ?? t.Name);
                    }

                    foreach (var member in Named(method))
                    {
                        var declaring = member as Type ?? member.DeclaringType;
                        if (InTargets(declaring) || (member is MethodInfo { IsGenericMethod: true } g && g.GetGenericArguments().Any(InTargets)))
                        {
                            Note(type, member is Type named ? named.FullName ?? named.Name : $"{declaring?.FullName}.{member.Name}");
                        }
                    }
                }
            }

            return found;
        }

        /// <summary>Every type, method and field a method body names, read from its IL.</summary>
        private static IEnumerable<MemberInfo> Named(MethodBase method)
        {
            var il = method.GetMethodBody()?.GetILAsByteArray();
            if (il is null)
            {
                yield break;
            }

            var typeArguments = method.DeclaringType is { IsGenericType: true } d ? d.GetGenericArguments() : null;
            var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
            for (var at = 0; at < il.Length;)
            {
                var wide = il[at] == 0xFE;
                var op = _opCodes[wide ? (short)(0xFE00 | il[at + 1]) : il[at]];
                at += wide ? 2 : 1;
                if (op.OperandType is OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineType or OperandType.InlineTok)
                {
                    yield return method.Module.ResolveMember(BitConverter.ToInt32(il, at), typeArguments, methodArguments)!;
                }

                at += op.OperandType switch
                {
                    OperandType.InlineNone => 0,
                    OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                    OperandType.InlineVar => 2,
                    OperandType.InlineI8 or OperandType.InlineR => 8,
                    OperandType.InlineSwitch => 4 + (4 * BitConverter.ToInt32(il, at)),
                    _ => 4,
                };
            }
        }
    }
}
