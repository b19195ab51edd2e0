using Microsoft.Extensions.Options;

namespace Matching.Scoring;

/// <summary>Stops a silo at start when the scoring section is unusable, rather than scoring with it.</summary>
public sealed class ScoringOptionsValidator : IValidateOptions<ScoringOptions>
{
    public ValidateOptionsResult Validate(string? name, ScoringOptions options)
    {
        var errors = options.Validate();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
