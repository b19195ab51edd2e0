using Matching.Errors;

namespace Matching.Tests.Support;

public static class ValidationAssert
{
    /// <summary>The field keys the action reported broken, in ordinal order.</summary>
    public static string[] FieldsOf(Action action) =>
        [.. Assert.Throws<ValidationFailedException>(action).Errors.Keys.Order(StringComparer.Ordinal)];
}
