namespace Matching.Workers;

/// <summary>
/// Masks of personal data (name, phone, ID number) for every place that is not staff or the holding
/// employer: candidate lists, pushes, boards. One place, so no screen masks differently.
/// </summary>
public static class PersonalData
{
    /// <summary>付明 → 付*, 欧阳明 → 欧**: the family name stays, the rest is hidden.</summary>
    public static string MaskName(string name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "";
        }

        var letters = System.Globalization.StringInfo.ParseCombiningCharacters(name);
        var first = letters.Length > 1 ? name[..letters[1]] : name;
        return first + new string('*', Math.Max(1, letters.Length - 1));
    }

    /// <summary>
    /// A mobile number or a resident ID number. Ids travel in URLs, logs and pushes, so a worker's id must not
    /// be one of these.
    /// </summary>
    public static bool LooksLikePersonalData(string value) =>
        (value.Length == 11 && value[0] == '1' && value.All(char.IsAsciiDigit))
        || (value.Length == 18 && value[..17].All(char.IsAsciiDigit) && (char.IsAsciiDigit(value[17]) || value[17] is 'X' or 'x'));

    /// <summary>13812345678 → 138****5678.</summary>
    public static string MaskPhone(string phone) =>
        phone.Length == 11 ? $"{phone[..3]}****{phone[7..]}" : new string('*', phone.Length);

    /// <summary>An 18-character ID number keeps its region prefix and check character only.</summary>
    public static string MaskIdNumber(string idNumber) =>
        idNumber.Length == 18 ? $"{idNumber[..6]}{new string('*', 11)}{idNumber[17]}" : new string('*', idNumber.Length);
}
