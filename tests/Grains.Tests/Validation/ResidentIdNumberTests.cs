using FsCheck.Xunit;
using Matching.Workers;

namespace Matching.Tests.Validation;

/// <summary>The ISO 7064 MOD 11-2 check character of the 18-character resident ID number (GB 11643).</summary>
public sealed class ResidentIdNumberTests
{
    [Fact]
    public void The_standards_example_has_check_character_X()
    {
        Assert.Equal('X', WorkerRules.CheckDigit("11010519491231002"));
        Assert.True(WorkerRules.HasValidCheckDigit("11010519491231002X"));
    }

    [Theory]
    [InlineData("11010519491231002x")]
    [InlineData("110105194912310021")]
    [InlineData("11010519491231002")]
    [InlineData("11010519491231002X1")]
    [InlineData("01010519491231002X")]
    [InlineData("1101051949123100AX")]
    [InlineData("")]
    public void Malformed_or_wrongly_checked_numbers_are_refused(string idNumber)
    {
        Assert.False(WorkerRules.HasValidCheckDigit(idNumber));
    }

    [Property]
    public bool Any_17_digits_with_their_check_character_are_valid(ulong digits)
    {
        var first17 = First17(digits);

        return WorkerRules.HasValidCheckDigit(first17 + WorkerRules.CheckDigit(first17));
    }

    [Property]
    public bool Changing_any_one_character_after_the_first_is_detected(ulong digits, byte position, byte shift)
    {
        var first17 = First17(digits);
        var valid = (first17 + WorkerRules.CheckDigit(first17)).ToCharArray();
        var at = 1 + (position % 17);
        const string alphabet = "0123456789X";
        var alphabetAt = at == 17 ? alphabet : alphabet[..10];
        var current = alphabetAt.IndexOf(valid[at], StringComparison.Ordinal);
        valid[at] = alphabetAt[(current + 1 + (shift % (alphabetAt.Length - 1))) % alphabetAt.Length];

        return !WorkerRules.HasValidCheckDigit(new string(valid));
    }

    /// <summary>17 digits not starting with 0, drawn from one number.</summary>
    private static string First17(ulong digits) =>
        $"{(digits % 9) + 1}{(digits / 9) % 10_000_000_000_000_000UL:D16}";
}
