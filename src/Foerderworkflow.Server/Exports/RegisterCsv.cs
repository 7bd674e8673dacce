using System.Globalization;
using CsvHelper;
using Foerderworkflow.Funding.Registry;

namespace Foerderworkflow.Server.Exports;

/// <summary>
/// The register as CSV the way German spreadsheets open it: UTF-8 with byte order mark, semicolons, decimal comma,
/// quoted where needed (RFC 4180), and text that starts like a formula escaped (CSV injection), all by CsvHelper.
/// </summary>
internal static class RegisterCsv
{
    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");

    public static byte[] Write(IReadOnlyList<RegisterEntry> entries)
    {
        using var buffer = new MemoryStream();
        using (var csv = CsvWriter.Create(buffer, new CsvWriterOptions { Separator = ';', WriteByteOrderMark = true, Injection = CsvInjection.Escape }, true))
        {
            csv.WriteRecord(RegisterColumns.Headings);
            foreach (var entry in entries)
            {
                foreach (var value in RegisterColumns.Values(entry))
                {
                    csv.WriteField(value is decimal amount ? amount.ToString("0.00", German) : Convert.ToString(value, German) ?? string.Empty);
                }

                csv.EndRecord();
            }
        }

        return buffer.ToArray();
    }
}
