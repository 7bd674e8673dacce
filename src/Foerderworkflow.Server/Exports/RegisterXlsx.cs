using Foerderworkflow.Funding.Registry;
using MiniExcelLibs;
using MiniExcelLibs.Attributes;
using MiniExcelLibs.OpenXml;

namespace Foerderworkflow.Server.Exports;

/// <summary>
/// The register as an Excel workbook (Office Open XML, opens in LibreOffice Calc too), written by MiniExcel: one
/// sheet, a header row, amounts as numbers with a euro format (so the office can sum them), a total row.
/// </summary>
internal static class RegisterXlsx
{
    private const string EuroFormat = "#,##0.00 \"€\"";

    public static byte[] Write(int year, IReadOnlyList<RegisterEntry> entries)
    {
        var rows = new List<Dictionary<string, object?>>(entries.Count + 1);
        foreach (var entry in entries)
        {
            var values = RegisterColumns.Values(entry);
            var row = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (var c = 0; c < values.Length; c++)
            {
                row[RegisterColumns.Headings[c]] = values[c];
            }

            rows.Add(row);
        }

        var total = RegisterColumns.Headings.ToDictionary(h => h, _ => (object?)null, StringComparer.Ordinal);
        total[RegisterColumns.Headings[0]] = "Summe";
        for (var c = RegisterColumns.FirstAmount; c < RegisterColumns.Headings.Length; c++)
        {
            var column = c;
            total[RegisterColumns.Headings[c]] = entries.Sum(e => (decimal)RegisterColumns.Values(e)[column]);
        }

        rows.Add(total);
        var configuration = new OpenXmlConfiguration
        {
            DynamicColumns = [.. RegisterColumns.Headings.Skip(RegisterColumns.FirstAmount).Select(h => new DynamicExcelColumn(h) { Format = EuroFormat, Width = 16 })],
        };
        using var buffer = new MemoryStream();
        buffer.SaveAs(rows, sheetName: $"Register {year}", excelType: ExcelType.XLSX, configuration: configuration);
        return buffer.ToArray();
    }
}
