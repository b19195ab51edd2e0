using System.Globalization;
using Matching.Workers;

namespace Matching.Workload;

/// <summary>Phone and resident ID numbers in their real formats, never repeated within one set.</summary>
internal sealed class PersonalNumbers
{
    /// <summary>Mainland mobile prefixes in use.</summary>
    private static readonly int[] _mobilePrefixes =
    [
        130, 131, 132, 133, 134, 135, 136, 137, 138, 139, 150, 151, 152, 153, 155, 156, 157, 158, 159,
        166, 173, 175, 176, 177, 178, 180, 181, 182, 183, 184, 185, 186, 187, 188, 189, 191, 198, 199,
    ];

    // Real numbers are unique and the product may refuse a second registration with the same one.
    private readonly HashSet<long> _phones = [];
    private readonly HashSet<long> _idNumbers = [];

    public string Phone(Random random)
    {
        long number;
        do
        {
            number = (random.Pick(_mobilePrefixes) * 100_000_000L) + random.Next(100_000_000);
        }
        while (!_phones.Add(number));

        return number.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Region code, birth date, a three-digit sequence whose last digit is odd for men and even
    /// for women, then the ISO 7064 check character.
    /// </summary>
    public string IdNumber(Random random, string regionCode, DateOnly birthDate, bool male)
    {
        var region = int.Parse(regionCode, CultureInfo.InvariantCulture);
        var birth = (birthDate.Year * 10_000) + (birthDate.Month * 100) + birthDate.Day;
        long first17;
        do
        {
            var sequence = (random.Next(100) * 10) + (random.Next(5) * 2) + (male ? 1 : 0);
            first17 = (((region * 100_000_000L) + birth) * 1_000L) + sequence;
        }
        while (!_idNumbers.Add(first17));

        var digits = first17.ToString("D17", CultureInfo.InvariantCulture);
        return digits + WorkerRules.CheckDigit(digits);
    }
}
