namespace Matching.Api.Tests.Fuzz;

/// <summary>The fields of each request body the fuzz tests break, by what they hold.</summary>
public static class BodyShapes
{
    public static readonly (string Field, FieldKind Kind)[] Employer =
    [
        ("id", FieldKind.Id), ("name", FieldKind.Text), ("district", FieldKind.Code), ("isKeyEnterprise", FieldKind.Bool),
        ("creditStanding", FieldKind.Code), ("partnerProgrammes", FieldKind.TextList),
    ];

    public static readonly (string Field, FieldKind Kind)[] JobOrder =
    [
        ("id", FieldKind.Id), ("employerId", FieldKind.Text), ("title", FieldKind.Text), ("trade", FieldKind.Code),
        ("minLevel", FieldKind.Code), ("requiredCertificates", FieldKind.TextList), ("headcount", FieldKind.Int),
        ("wageMin", FieldKind.Int), ("wageMax", FieldKind.Int), ("district", FieldKind.Code), ("providesHousing", FieldKind.Bool),
        ("startDate", FieldKind.Date), ("acceptsInterns", FieldKind.Bool), ("partnerProgrammes", FieldKind.TextList),
    ];

    /// <summary>A change may leave the employer out: it stays what it was.</summary>
    public static readonly (string Field, FieldKind Kind)[] JobOrderChange =
        [.. JobOrder.Select(f => f.Field == "employerId" ? (f.Field, FieldKind.OptionalText) : f)];

    public static readonly (string Field, FieldKind Kind)[] Worker =
    [
        ("id", FieldKind.Id), ("name", FieldKind.Text), ("phone", FieldKind.Text), ("idNumber", FieldKind.Text),
        ("originProvince", FieldKind.Code), ("originPrefecture", FieldKind.Code), ("originCounty", FieldKind.OptionalText),
        ("categories", FieldKind.TextList), ("skills", FieldKind.TextList), ("desiredDistricts", FieldKind.TextList),
        ("minWage", FieldKind.Int), ("availableFrom", FieldKind.Date), ("needsLodging", FieldKind.Bool), ("programmes", FieldKind.TextList),
    ];

    public static readonly (string Field, FieldKind Kind)[] Site =
    [
        ("id", FieldKind.Id), ("name", FieldKind.Text), ("district", FieldKind.Code), ("town", FieldKind.OptionalText),
        ("address", FieldKind.OptionalText),
    ];

    public static readonly (string Field, FieldKind Kind)[] Fair =
    [
        ("id", FieldKind.Id), ("name", FieldKind.Text), ("date", FieldKind.Date), ("venue", FieldKind.OptionalText),
        ("district", FieldKind.Code), ("employerIds", FieldKind.TextList),
    ];

    public static readonly (string Field, FieldKind Kind)[] Hold = [("workerId", FieldKind.Text), ("ttlSeconds", FieldKind.Int)];

    public static readonly (string Field, FieldKind Kind)[] Beds = [("count", FieldKind.Int)];

    public static readonly (string Field, FieldKind Kind)[] BedChange = [("inService", FieldKind.Bool)];

    public static readonly (string Field, FieldKind Kind)[] Stay =
    [
        ("workerId", FieldKind.Text), ("siteId", FieldKind.Text), ("from", FieldKind.Date), ("to", FieldKind.Date),
        ("ttlSeconds", FieldKind.Int), ("creditCommitment", FieldKind.Object),
    ];

    public static readonly (string Field, FieldKind Kind)[] CheckIn = [("workerId", FieldKind.Text)];

    public static readonly (string Field, FieldKind Kind)[] DevToken =
    [
        ("role", FieldKind.Code), ("employerId", FieldKind.OptionalText), ("siteIds", FieldKind.TextList),
        ("fairId", FieldKind.OptionalText), ("name", FieldKind.OptionalText),
    ];
}
