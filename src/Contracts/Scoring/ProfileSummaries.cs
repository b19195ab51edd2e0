using System.Runtime.InteropServices;
using Matching.JobOrders;
using Matching.Reference;
using Matching.Workers;

namespace Matching.Scoring;

/// <summary>
/// Builds the scoring summaries from profiles. The summaries travel between grains and so are contracts; reading
/// a profile through the reference data (canonical names, level ranks) is the grains' rule, so it lives here.
/// </summary>
public static class ProfileSummaries
{
    extension(WorkerSummary)
    {
        /// <summary>Summarises a normalised profile; the profile must carry its id.</summary>
        public static WorkerSummary From(WorkerProfile profile)
        {
            ArgumentNullException.ThrowIfNull(profile);
            if (string.IsNullOrEmpty(profile.Id))
            {
                throw new ArgumentException("The profile has no id.", nameof(profile));
            }

            var skills = new SkillSummary[profile.Skills.Length];
            var count = 0;
            foreach (var skill in profile.Skills)
            {
                if (WorkerSummary.IndexOf(skills.AsSpan(0, count), skill.Trade) < 0)
                {
                    skills[count++] = new SkillSummary(ReferenceData.Canonical(skill.Trade), (sbyte)ReferenceData.LevelRank(skill.Level), TextKey.Of(skill.Certificates));
                }
            }

            ushort desired = 0;
            ulong preferences = 0;
            var position = 0;
            foreach (var code in profile.DesiredDistricts)
            {
                var district = DistrictIndex.Of(code);
                if (district >= 0 && (desired & (1 << district)) == 0)
                {
                    desired |= (ushort)(1 << district);
                    preferences |= (ulong)position << (4 * district);
                    position++;
                }
            }

            return new WorkerSummary
            {
                WorkerId = profile.Id,
                // Arrays built here and never seen again are wrapped without a copy.
                Skills = ImmutableCollectionsMarshal.AsImmutableArray(count == skills.Length ? skills : skills[..count]),
                DesiredDistricts = desired,
                DistrictPreferences = preferences,
                MinWage = profile.MinWage,
                AvailableFrom = profile.AvailableFrom,
                NeedsLodging = profile.NeedsLodging,
                IsStudentIntern = profile.Categories.Contains("studentIntern"),
                IsPovertyAlleviated = profile.Categories.Contains("povertyAlleviated"),
                ProgrammeKeys = TextKey.Of(profile.Programmes),
            };
        }
    }

    extension(JobSummary)
    {
        /// <summary>Summarises a normalised profile; the profile must carry its id.</summary>
        public static JobSummary From(JobOrderProfile profile)
        {
            ArgumentNullException.ThrowIfNull(profile);
            if (string.IsNullOrEmpty(profile.Id))
            {
                throw new ArgumentException("The profile has no id.", nameof(profile));
            }

            return new JobSummary
            {
                JobOrderId = profile.Id,
                EmployerId = profile.EmployerId,
                Trade = profile.Trade,
                MinLevelRank = (sbyte)ReferenceData.LevelRank(profile.MinLevel),
                RequiredCertificates = [.. profile.RequiredCertificates],
                RequiredCertificateKeys = TextKey.Of(profile.RequiredCertificates),
                WageMin = profile.WageMin,
                WageMax = profile.WageMax,
                District = (sbyte)DistrictIndex.Of(profile.District),
                StartDate = profile.StartDate,
                AcceptsInterns = profile.AcceptsInterns,
                ProvidesHousing = profile.ProvidesHousing,
                PartnerProgrammes = [.. profile.PartnerProgrammes],
                PartnerProgrammeKeys = TextKey.Of(profile.PartnerProgrammes),
            };
        }
    }
}
