namespace Matching.Api.Tests;

/// <summary>The labels the pages show come from the vocabularies the rules check against.</summary>
[Collection(ApiCollection.Name)]
public sealed class ReferenceApiTests(ApiFactory factory)
{
    [Fact]
    public async Task Reference_labels_every_vocabulary_in_chinese()
    {
        var body = await (await factory.Client().GetAsync("/api/reference")).JsonAsync();

        Assert.Equal("电焊工", body.GetProperty("trades").GetProperty("welder").GetString());
        Assert.Equal("技师", body.GetProperty("levels").GetProperty("technician").GetString());
        Assert.Equal("浦东新区", body.GetProperty("districts").GetProperty("pudong").GetString());
        Assert.Equal("云南", body.GetProperty("provinces").GetProperty("yunnan").GetString());
        Assert.Equal("临沧", body.GetProperty("prefectures").GetProperty("lincang").GetString());
        Assert.Equal("驻马店", body.GetProperty("prefectures").GetProperty("zhumadian").GetString());
        Assert.Equal("脱贫劳动力", body.GetProperty("categories").GetProperty("povertyAlleviated").GetString());
        Assert.Equal(10, body.GetProperty("trades").EnumerateObject().Count());
        Assert.Equal(16, body.GetProperty("districts").EnumerateObject().Count());
    }
}
