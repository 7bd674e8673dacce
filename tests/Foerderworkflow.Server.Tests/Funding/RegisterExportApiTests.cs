using System.Globalization;
using System.IO.Compression;
using System.Net;
using Microsoft.VisualBasic.FileIO;
using MiniExcelLibs;

namespace Foerderworkflow.Server.Tests.Funding;

/// <summary>The office exports a fund's register per budget year as CSV and XLSX, with the figures reported per project.</summary>
public sealed class RegisterExportApiTests(ServerFactory factory) : IClassFixture<ServerFactory>
{
    private readonly FundingApi api = new(factory);

    [Fact]
    public async Task Csv_ParsesWithOneRowPerProject_AndTheReportedFigures()
    {
        var (fileNumber, year) = await ApprovedAndPaidAsync();

        var response = await api.GetAsync("amt", $"/api/funds/herten-aif/register/{year}?format=csv");

        await FundingApi.ExpectAsync(HttpStatusCode.OK, response);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        // Read with an independent parser (the platform's TextFieldParser), as a spreadsheet would.
        using var parser = new TextFieldParser(await response.Content.ReadAsStreamAsync(), System.Text.Encoding.UTF8, detectEncoding: true) { Delimiters = [";"], HasFieldsEnclosedInQuotes = true };
        var header = parser.ReadFields()!;
        Assert.Equal("Aktenzeichen", header[0]);
        var rows = new List<Dictionary<string, string>>();
        while (!parser.EndOfData)
        {
            var fields = parser.ReadFields()!;
            Assert.Equal(header.Length, fields.Length);
            rows.Add(header.Zip(fields).ToDictionary(p => p.First, p => p.Second));
        }

        var row = Assert.Single(rows, r => r["Aktenzeichen"] == fileNumber);
        Assert.Equal("Demokratiewerkstatt im Quartier", row["Projekttitel"]);
        Assert.Equal("1300,00", row["Bewilligt (€)"]);
        Assert.Equal("1300,00", row["Ausgezahlt (€)"]);
        Assert.Equal("0,00", row["Zurückgezahlt (€)"]);
        Assert.Equal("Demokratieförderung", row["Handlungsfeld"]);
    }

    [Fact]
    public async Task Xlsx_IsAnOfficeOpenXmlWorkbook_WithAmountsAsNumbers()
    {
        var (fileNumber, year) = await ApprovedAndPaidAsync();

        var response = await api.GetAsync("amt", $"/api/funds/herten-aif/register/{year}?format=xlsx");

        await FundingApi.ExpectAsync(HttpStatusCode.OK, response);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType!.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        using (var zip = new ZipArchive(new MemoryStream(bytes)))
        {
            // The parts every spreadsheet program (LibreOffice Calc included) starts reading from.
            Assert.NotNull(zip.GetEntry("[Content_Types].xml"));
            Assert.NotNull(zip.GetEntry("xl/workbook.xml"));
        }

        var rows = new MemoryStream(bytes).Query(useHeaderRow: true, excelType: ExcelType.XLSX).Cast<IDictionary<string, object>>().ToList();
        var row = Assert.Single(rows, r => r["Aktenzeichen"] as string == fileNumber);
        Assert.Equal(1_300d, Convert.ToDouble(row["Bewilligt (€)"], CultureInfo.InvariantCulture));
        Assert.Equal(1_300d, Convert.ToDouble(row["Ausgezahlt (€)"], CultureInfo.InvariantCulture));
        Assert.Equal("Demokratieförderung", row["Handlungsfeld"]);
        Assert.Equal("Summe", rows[^1]["Aktenzeichen"]);
        using (var zip = new ZipArchive(new MemoryStream(bytes)))
        {
            // Amounts are numbers with a number format, not text: the office can sum them.
            using var styles = new StreamReader(zip.GetEntry("xl/styles.xml")!.Open());
            Assert.Contains("#,##0.00", await styles.ReadToEndAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Export_RefusesAnUnknownFormatNamingTheField_AndIsNotForApplicantsOrKuf()
    {
        var year = FundingApi.ProjectDates().Year;
        var bad = await api.GetAsync("amt", $"/api/funds/herten-aif/register/{year}?format=ods");
        await FundingApi.ExpectAsync(HttpStatusCode.BadRequest, bad);
        Assert.NotNull((await FundingApi.ReadAsync(bad))["errors"]!["format"]);
        await FundingApi.ExpectAsync(HttpStatusCode.NotFound, await api.GetAsync("amt", $"/api/funds/gibt-es-nicht/register/{year}"));
        await FundingApi.ExpectAsync(HttpStatusCode.Forbidden, await api.GetAsync("traeger", $"/api/funds/herten-aif/register/{year}"));
        await FundingApi.ExpectAsync(HttpStatusCode.Forbidden, await api.GetAsync("kuf", $"/api/funds/herten-aif/register/{year}"));
    }

    private async Task<(string FileNumber, int Year)> ApprovedAndPaidAsync()
    {
        var id = await api.UpToDecisionAsync();
        await api.ApprovedAndPaidAsync(id);
        var application = await api.GetOkAsync("amt", $"/api/applications/{id}");
        return (application["fileNumber"]!.GetValue<string>(), application["budgetYear"]!.GetValue<int>());
    }
}
