using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;
using Matching.Bench;
using Matching.LoadDriver;

// Loads the embedded mode in this process and prints what it measured; stops by itself when done.
var options = DriverOptions.From(Arguments.Parse(args));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1L << 30)} GB, {RuntimeInformation.FrameworkDescription}, {(GCSettings.IsServerGC ? "server" : "workstation")} GC; embedded silo; scenario {options.Scenario}"));

await using var silo = await EmbeddedSilo.StartAsync();
return options.Scenario switch
{
    "register" => await RegistrationScenario.RunAsync(silo.Grains, options),
    "holds" => await HoldScenario.RunAsync(silo.Grains, options),
    _ => throw new ArgumentException($"Unknown scenario '{options.Scenario}': register or holds."),
};
