namespace Matching.Bench;

/// <summary>The <c>dotnet</c> host to run the product's programs with: the one that runs this process, else the one on the PATH.</summary>
public static class DotnetHost
{
    /// <summary>As <c>dotnet run</c> and <c>dotnet test</c> name it (<c>DOTNET_HOST_PATH</c>), this process's own host, or <c>dotnet</c>.</summary>
    public static string Path { get; } =
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host
        : System.IO.Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath!
        : "dotnet";
}
