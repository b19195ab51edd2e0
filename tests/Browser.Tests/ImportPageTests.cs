using System.Globalization;
using System.Text;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Matching.Browser.Tests;

/// <summary>The import page: a county's list uploaded, previewed with its field errors, imported with a progress bar, and its rejected rows downloaded.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ImportPageTests(BrowserFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task A_list_is_previewed_imported_with_progress_and_its_rejected_rows_downloaded()
    {
        var county = Api.Tests.Http.NewId("county");
        var soon = DateTime.UtcNow.AddDays(5).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var lines = new List<string> { "姓名,手机,身份证号,籍贯省,籍贯州市,籍贯县区,技能,意向区,最低月薪,可到岗日期,需要住宿" };
        lines.AddRange(Enumerable.Range(0, 24).Select(i => $"杨华,136{i:00000000},530902199801010011,yunnan,dali,{county},general:junior,jiading,4500,{soon},否"));
        lines.Insert(4, $"杨丽,12345,530902199801010011,yunnan,dali,{county},general:junior,jiading,很多,{soon},否");
        await using var session = await fixture.NewPageAsync(output);
        var page = session.Page;
        await page.GotoAsync("/import.html");
        await Expect(page.GetByTestId("connection")).ToHaveAttributeAsync("data-state", "connected");

        await page.GetByTestId("file").SetInputFilesAsync(new FilePayload
        {
            Name = "大理州名单.csv",
            MimeType = "text/csv",
            Buffer = Encoding.UTF8.GetBytes(string.Join("\n", lines)),
        });

        await Expect(page.GetByTestId("preview-summary")).ToContainTextAsync("共 25 行：可导入 24 行，有错误 1 行");
        var broken = page.GetByTestId("preview").Locator("tbody tr.bad");
        await Expect(broken).ToHaveCountAsync(1);
        await Expect(broken).ToContainTextAsync("minWage");
        await Expect(broken.Locator("td").First).ToHaveTextAsync("5");
        await Expect(page.GetByTestId("preview").Locator("tbody tr.ok").First).ToContainTextAsync("云南 · 大理");
        await Expect(page.GetByTestId("status")).ToHaveTextAsync("待导入");
        await Screenshots.SaveAsync(page, "import-preview");

        await page.GetByTestId("start").ClickAsync();
        await Expect(page.GetByTestId("status")).ToHaveTextAsync("已完成");
        await Expect(page.Locator("#progress-fill")).ToHaveAttributeAsync("data-percent", "100");
        await Expect(page.GetByTestId("progress-text")).ToContainTextAsync("已处理 25 / 25 行（100%） · 新登记 24 · 已登记过 0 · 未导入 1");
        await Expect(page.GetByTestId("start")).ToBeDisabledAsync();
        await Expect(page.GetByTestId("cancel")).ToBeDisabledAsync();
        await Screenshots.SaveAsync(page, "import-done");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("rejected").ClickAsync());
        Assert.Equal("大理州名单-rejected.csv", download.SuggestedFilename);
        var rejected = await File.ReadAllTextAsync(await download.PathAsync());
        Assert.Contains("行号,原因", rejected);
        Assert.Contains("杨丽,12345", rejected);
        Assert.Contains("minWage:", rejected);

        // The same file again: the page says it was imported before, and nothing runs twice.
        await page.GetByTestId("file").SetInputFilesAsync(new FilePayload
        {
            Name = "大理州名单.csv",
            MimeType = "text/csv",
            Buffer = Encoding.UTF8.GetBytes(string.Join("\n", lines)),
        });
        await Expect(page.GetByTestId("message")).ToContainTextAsync("此前已上传过（已完成）");
        await Expect(page.GetByTestId("start")).ToBeDisabledAsync();
    }

    [Fact]
    public async Task The_template_downloads_as_an_excel_workbook()
    {
        await using var session = await fixture.NewPageAsync(output);
        var page = session.Page;
        await page.GotoAsync("/import.html");
        await Expect(page.GetByTestId("connection")).ToHaveAttributeAsync("data-state", "connected");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("template-xlsx").ClickAsync());

        Assert.Equal("workers-template.xlsx", download.SuggestedFilename);
        var bytes = await File.ReadAllBytesAsync(await download.PathAsync());
        Assert.Equal("PK"u8.ToArray(), bytes[..2]);
    }
}
