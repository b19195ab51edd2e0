using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace Matching.Api.Security;

/// <summary>Which key signs the product's own tokens, and why; chosen once at start.</summary>
public sealed record SigningKeyChoice(SymmetricSecurityKey? Key, string Source)
{
    /// <summary>No key and no authority: nobody can obtain a token, so every protected route answers 401.</summary>
    public bool NobodyCanSignIn => Key is null && Source == SigningKeys.None;
}

/// <summary>
/// The key the API checks token signatures with: the configured one, or for development tokens a key
/// generated once per data folder (so tokens outlive a restart), or none when an authority signs.
/// </summary>
public static class SigningKeys
{
    public const string Configured = "configured";
    public const string DataFolder = "data-folder";
    public const string Authority = "authority";
    public const string None = "none";

    /// <summary>HS256 needs a 256-bit key.</summary>
    public const int MinKeyBytes = 32;

    public const string FileName = "dev-signing.key";

    public static SigningKeyChoice Choose(AuthOptions auth, string dataPath)
    {
        if (!string.IsNullOrWhiteSpace(auth.SigningKey))
        {
            var bytes = Encoding.UTF8.GetBytes(auth.SigningKey);
            if (bytes.Length < MinKeyBytes)
            {
                throw new InvalidOperationException($"{AuthOptions.Section}:SigningKey must be at least {MinKeyBytes} bytes.");
            }

            return new SigningKeyChoice(new SymmetricSecurityKey(bytes), Configured);
        }

        if (!string.IsNullOrWhiteSpace(auth.Authority))
        {
            return new SigningKeyChoice(null, Authority);
        }

        if (auth.DevTokens)
        {
            return new SigningKeyChoice(new SymmetricSecurityKey(DataFolderKey(dataPath)), DataFolder);
        }

        // Fail closed: a random key nobody holds, so every token is refused until a key or authority is configured.
        return new SigningKeyChoice(new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(MinKeyBytes)), None);
    }

    /// <summary>Reads the folder's key, or creates it readable by the owner only; a concurrent creator wins and is read.</summary>
    private static byte[] DataFolderKey(string dataPath)
    {
        Directory.CreateDirectory(dataPath);
        var path = Path.Combine(dataPath, FileName);
        if (!File.Exists(path))
        {
            var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(MinKeyBytes));
            try
            {
                var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
                if (!OperatingSystem.IsWindows())
                {
                    options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                }

                using var writer = new StreamWriter(path, Encoding.ASCII, options);
                writer.Write(key);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process of the same folder created it first; use theirs.
            }
        }

        return Convert.FromBase64String(File.ReadAllText(path).Trim());
    }
}
