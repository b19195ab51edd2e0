using System.Text.RegularExpressions;
using Matching.Reference;
using Matching.Validation;

namespace Matching.Workers;

/// <summary>Field rules of a worker profile, including the personal-data formats.</summary>
public static partial class WorkerRules
{
    public const int MaxSkills = 5;
    public const int MaxWage = 200_000;

    /// <summary>Checks every field and returns the normalised profile, or throws with all field errors.</summary>
    public static WorkerProfile Normalize(WorkerProfile input, string id, ReferenceData refs, DateOnly today)
    {
        var e = new FieldErrors();
        var province = e.Code("originProvince", input.OriginProvince, ReferenceData.Provinces.Keys);
        var prefecture = province == "yunnan"
            ? e.Code("originPrefecture", input.OriginPrefecture, ReferenceData.YunnanPrefectures.Keys)
            : e.Text("originPrefecture", input.OriginPrefecture?.ToLowerInvariant(), 50, required: false);
        var profile = new WorkerProfile
        {
            Id = e.SameId(input.Id, id),
            Name = e.Text("name", input.Name, 50),
            Phone = Phone(e, input.Phone),
            IdNumber = IdNumber(e, input.IdNumber),
            OriginProvince = province,
            OriginPrefecture = prefecture,
            OriginCounty = e.Text("originCounty", input.OriginCounty, 50, required: false),
            Categories = e.Codes("categories", input.Categories, ReferenceData.WorkerCategories, 3),
            Skills = Skills(e, input.Skills, refs),
            DesiredDistricts = e.Codes("desiredDistricts", input.DesiredDistricts, ReferenceData.Districts.Keys, 16),
            MinWage = e.Range("minWage", input.MinWage, 0, MaxWage),
            AvailableFrom = e.Date("availableFrom", input.AvailableFrom, today.AddYears(-1), today.AddYears(2)),
            NeedsLodging = input.NeedsLodging,
            Programmes = e.Texts("programmes", input.Programmes),
        };
        e.ThrowIfAny();
        return profile;
    }

    /// <summary>True when the 18th character of a resident ID number is the ISO 7064 MOD 11-2 check of the first 17.</summary>
    public static bool HasValidCheckDigit(string idNumber)
    {
        if (!IdNumberPattern().IsMatch(idNumber))
        {
            return false;
        }

        return idNumber[17] == CheckDigit(idNumber.AsSpan(0, 17));
    }

    /// <summary>The check character for the first 17 digits of a resident ID number.</summary>
    public static char CheckDigit(ReadOnlySpan<char> first17)
    {
        ReadOnlySpan<int> weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        const string checks = "10X98765432";
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (first17[i] - '0') * weights[i];
        }

        return checks[sum % 11];
    }

    private static string Phone(FieldErrors e, string? value)
    {
        var phone = e.Text("phone", value?.Replace(" ", "").Replace("-", ""), 11);
        if (phone.Length > 0 && !PhonePattern().IsMatch(phone))
        {
            e.Add("phone", "must be an 11-digit mobile number starting with 1.");
        }

        return phone;
    }

    private static string IdNumber(FieldErrors e, string? value)
    {
        var id = e.Text("idNumber", value?.ToUpperInvariant(), 18);
        if (id.Length > 0 && !HasValidCheckDigit(id))
        {
            e.Add("idNumber", "must be an 18-character resident ID number with a valid check digit.");
        }

        return id;
    }

    private static WorkerSkill[] Skills(FieldErrors e, WorkerSkill[]? skills, ReferenceData refs)
    {
        var list = skills ?? [];
        if (list.Length == 0)
        {
            e.Add("skills", "must name at least one trade.");
            return [];
        }

        if (list.Length > MaxSkills)
        {
            e.Add("skills", $"must have at most {MaxSkills} items.");
            return [];
        }

        var result = new List<WorkerSkill>(list.Length);
        for (var i = 0; i < list.Length; i++)
        {
            var skill = list[i];
            if (skill is null)
            {
                e.Add($"skills[{i}]", "is required.");
                continue;
            }

            var normalized = new WorkerSkill
            {
                Trade = e.Code($"skills[{i}].trade", skill.Trade, refs.Trades.Keys),
                Level = e.Code($"skills[{i}].level", skill.Level, ReferenceData.Levels),
                Certificates = e.Texts($"skills[{i}].certificates", skill.Certificates),
            };
            if (result.Any(s => s.Trade == normalized.Trade))
            {
                e.Add($"skills[{i}].trade", "names a trade already listed.");
            }

            result.Add(normalized);
        }

        return [.. result];
    }

    [GeneratedRegex("^1[3-9][0-9]{9}$")]
    private static partial Regex PhonePattern();

    [GeneratedRegex("^[1-9][0-9]{16}[0-9X]$")]
    private static partial Regex IdNumberPattern();
}
