using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.Extensions.Logging;
using MiniExcelLibs;
using SmeSupport.Enterprises.Contracts;
using SmeSupport.Errors;

namespace SmeSupport.Enterprises.Import;

/// <summary>A file read into a header and rows of cell texts.</summary>
/// <param name="Format">Format, recognised by content.</param>
/// <param name="Header">Header cells as written (trimmed).</param>
/// <param name="Rows">Data rows: the row number in the file (header = 1) and the cells (null when empty), in header order.</param>
internal sealed record EnterpriseTable(EnterpriseFileFormat Format, IReadOnlyList<string> Header, IReadOnlyList<(int RowNumber, string?[] Cells)> Rows);

/// <summary>
/// Reads import files: XLSX (first sheet; recognised by its ZIP signature) or CSV (UTF-8 with or without BOM; comma, semicolon or
/// tab, detected), header in the first row. A file that is not what its name says is refused with a clear message: an
/// <c>.xlsx</c> that is not a ZIP workbook, a <c>.csv</c> that is not UTF-8 text, an old <c>.xls</c>.
/// </summary>
internal static class EnterpriseFileReader
{
    /// <summary>Most data rows one import takes.</summary>
    public const int MaxRows = 100_000;

    /// <summary>Longest cell text, in characters (header cells included): a file with a longer cell is refused, naming the row and column.</summary>
    public const int MaxCellLength = 4_000;

    /// <summary>Largest total unpacked size of an XLSX workbook's parts (declared sizes in the ZIP directory), bytes: 200 MiB.</summary>
    public const long MaxUnpackedBytes = 200L * 1024 * 1024;

    /// <summary>Reads <paramref name="content"/>.</summary>
    /// <exception cref="BusinessException">400 <see cref="EnterprisesErrorCodes.ImportFileUnreadable"/>, <see cref="EnterprisesErrorCodes.ImportFileEmpty"/>,
    /// <see cref="EnterprisesErrorCodes.ImportTooManyRows"/>.</exception>
    public static EnterpriseTable Read(byte[] content, string fileName, ILogger? logger = null)
    {
        if (content.Length == 0)
        {
            throw Empty("The file is empty.", "Empty");
        }

        var extension = Path.GetExtension(fileName ?? "").ToLowerInvariant();
        if (extension is not (".csv" or ".xlsx"))
        {
            var ex = new BusinessException(EnterprisesErrorCodes.ImportFileExtensionNotAccepted, extension == ".xls"
                ? "Old Excel 97–2003 (.xls) files are not read: only .csv and .xlsx files are accepted; save the list as .xlsx or as CSV UTF-8."
                : $"Only .csv and .xlsx files are accepted; the file is named '{Path.GetFileName(fileName)}'.")
            {
                MessageArgs = [Path.GetFileName(fileName)],
            };
            ex.Extensions["acceptedExtensions"] = AcceptedExtensions;
            throw ex;
        }

        if (content is [0xD0, 0xCF, 0x11, 0xE0, ..])
        {
            throw Unreadable("Old Excel 97–2003 (.xls) files are not read: save the list as .xlsx or as CSV UTF-8.", "Xls");
        }

        if (KnownBinaryFormat(content) is { } format)
        {
            throw Unreadable($"The file is named {extension} but is {format.English}: send the list as .xlsx or as CSV UTF-8.", "OtherFormat",
                extension, EnterprisesErrorMessages.Part("Format." + format.Key));
        }

        var isZip = content is [0x50, 0x4B, 0x03, 0x04, ..];
        if (isZip && extension == ".csv")
        {
            throw Unreadable("The file is named .csv but is a ZIP archive (perhaps an Excel workbook): name it .xlsx, or save it as CSV UTF-8.", "CsvIsZip");
        }

        var table = isZip ? ReadXlsx(content, extension, logger) : ReadCsv(content, extension, logger);
        if (table.Header.Count == 0 || table.Header.All(string.IsNullOrWhiteSpace))
        {
            throw Empty("The file has no header row: the first row must name the columns.", "NoHeader");
        }

        if (table.Rows.Count == 0)
        {
            throw Empty("The file has a header but no data rows.", "NoRows");
        }

        return table;
    }

    /// <summary>The file name extensions the import reads.</summary>
    public static readonly string[] AcceptedExtensions = [".csv", ".xlsx"];

    /// <summary>What a file is by its signature when it is a common non-spreadsheet format (PDF, images, gzip, 7z, RAR), else null.</summary>
    private static (string Key, string English)? KnownBinaryFormat(byte[] c) => c switch
    {
        [0x25, 0x50, 0x44, 0x46, 0x2D, ..] => ("Pdf", "a PDF document"),
        [0x89, 0x50, 0x4E, 0x47, ..] => ("Png", "a PNG image"),
        [0xFF, 0xD8, 0xFF, ..] => ("Jpeg", "a JPEG image"),
        [0x47, 0x49, 0x46, 0x38, ..] => ("Gif", "a GIF image"),
        [0x1F, 0x8B, ..] => ("Gzip", "a gzip archive"),
        [0x37, 0x7A, 0xBC, 0xAF, ..] => ("SevenZip", "a 7-Zip archive"),
        [0x52, 0x61, 0x72, 0x21, ..] => ("Rar", "a RAR archive"),
        _ => null,
    };

    /// <summary>400 <see cref="EnterprisesErrorCodes.ImportFileUnreadable"/>; the localized message says why (part <c>ImportFileUnreadable.{cause}</c>).</summary>
    private static BusinessException Unreadable(string message, string cause, params object?[] args) =>
        new(EnterprisesErrorCodes.ImportFileUnreadable, message) { MessageArgs = [EnterprisesErrorMessages.Part("ImportFileUnreadable." + cause, args)] };

    /// <summary>400 <see cref="EnterprisesErrorCodes.ImportFileEmpty"/>; the localized message says why (part <c>ImportFileEmpty.{cause}</c>).</summary>
    internal static BusinessException Empty(string message, string cause) =>
        new(EnterprisesErrorCodes.ImportFileEmpty, message) { MessageArgs = [EnterprisesErrorMessages.Part("ImportFileEmpty." + cause)] };

    /// <summary>400 <see cref="EnterprisesErrorCodes.ImportFileUnreadable"/> when a cell is over <see cref="MaxCellLength"/>.</summary>
    private static void CheckCellLengths(int rowNumber, IReadOnlyList<string?> cells, IReadOnlyList<string> header)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            if (cells[i] is { Length: > MaxCellLength } cell)
            {
                var column = i < header.Count && header[i].Length > 0 && header[i].Length <= 100 ? header[i] : ColumnLetters(i);
                throw Unreadable($"The cell in row {rowNumber}, column '{column}' is {cell.Length:N0} characters long; a cell may hold at most {MaxCellLength:N0}.",
                    "CellTooLong", rowNumber, column, cell.Length, MaxCellLength);
            }
        }
    }

    /// <summary>Spreadsheet column letters of a zero-based index (0 → A, 26 → AA).</summary>
    private static string ColumnLetters(int index)
    {
        var letters = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            letters = (char)('A' + ((n - 1) % 26)) + letters;
        }

        return letters;
    }

    private static BusinessException TooMany() =>
        new(EnterprisesErrorCodes.ImportTooManyRows, $"The file has more than {MaxRows:N0} data rows; split it into smaller files.") { MessageArgs = [MaxRows] };

    private static EnterpriseTable ReadCsv(byte[] content, string extension, ILogger? logger)
    {
        if (extension is ".xlsx")
        {
            throw Unreadable("The file is named .xlsx but is not an Excel workbook (not a ZIP file): save it again from Excel, or as CSV UTF-8.", "XlsxNotZip");
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(content);
        }
        catch (DecoderFallbackException)
        {
            throw Unreadable("The file is neither an .xlsx workbook nor UTF-8 text: save it as .xlsx or as CSV UTF-8.", "NotUtf8");
        }

        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }

        // Binary data that happens to be valid UTF-8 still carries control characters text never has.
        if (text.Any(c => c == '\0' || (char.IsControl(c) && c is not ('\r' or '\n' or '\t'))))
        {
            throw Unreadable("The file is neither an .xlsx workbook nor CSV text (it holds binary data).", "BinaryData");
        }

        if (text.Trim().Length == 0)
        {
            throw Empty("The file is empty.", "Empty");
        }

        var delimiter = DetectDelimiter(text);
        if (UnclosedQuoteLine(text, delimiter[0]) is { } line)
        {
            throw Unreadable($"The CSV text could not be read near row {line}: a quoted field opened there is never closed.", "CsvRow", line);
        }

        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            HasHeaderRecord = false,
            Delimiter = delimiter,
            BadDataFound = null,
            MissingFieldFound = null,
            IgnoreBlankLines = true,
        };
        var rows = new List<(int, string?[])>();
        string[]? header = null;
        using var reader = new StringReader(text);
        using var parser = new CsvParser(reader, config);
        var number = 0;
        try
        {
            while (parser.Read())
            {
                number = parser.Row;
                var record = parser.Record ?? [];
                if (header is null)
                {
                    header = record;
                    CheckCellLengths(number, header, []);
                    continue;
                }

                if (record.All(string.IsNullOrWhiteSpace))
                {
                    continue;
                }

                if (rows.Count >= MaxRows)
                {
                    throw TooMany();
                }

                var cells = record.Select(c => string.IsNullOrWhiteSpace(c) ? null : c.Trim()).ToArray();
                CheckCellLengths(number, cells, header);
                rows.Add((number, cells));
            }
        }
        catch (BusinessException)
        {
            throw;
        }
        catch (CsvHelperException ex)
        {
            throw Unreadable($"The CSV text could not be read near row {number + 1}: {ex.Message.Split('\n')[0]}", "CsvRow", number + 1);
        }
        catch (Exception ex) when (ex is not (OperationCanceledException or OutOfMemoryException))
        {
            // Safety net: whatever else the CSV library throws on this text is the file's fault, never a 500.
            logger?.LogWarning(ex, "CSV import file could not be read near row {Row}", number + 1);
            throw Unreadable($"The CSV text could not be read near row {number + 1}.", "CsvRow", number + 1);
        }

        return new EnterpriseTable(EnterpriseFileFormat.Csv, (header ?? []).Select(h => h.Trim()).ToList(), rows);
    }

    /// <summary>
    /// The line (1-based) where a quoted field opens that is never closed, or null. A quote opens a field only at its start (after a
    /// delimiter or a line break, as CsvHelper reads it); inside, <c>""</c> is a quote and a line break is part of the field (a
    /// legitimate multi-line cell). A quoted field still open at the end of the text would swallow every following line into one cell.
    /// </summary>
    internal static int? UnclosedQuoteLine(string text, char delimiter)
    {
        var line = 1;
        var openedAt = 0;
        var quoted = false;
        var fieldStart = true;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        i++; // an escaped quote inside the field
                    }
                    else
                    {
                        quoted = false;
                    }
                }
            }
            else if (c == '"' && fieldStart)
            {
                quoted = true;
                openedAt = line;
                fieldStart = false;
            }
            else
            {
                fieldStart = c == delimiter || c is '\r' or '\n';
            }

            if (c == '\n' || (c == '\r' && (i + 1 >= text.Length || text[i + 1] != '\n')))
            {
                line++;
            }
        }

        return quoted ? openedAt : null;
    }

    /// <summary>The delimiter of the header line: the most frequent of <c>; , tab</c> outside quotes (comma when none).</summary>
    private static string DetectDelimiter(string text)
    {
        int comma = 0, semicolon = 0, tab = 0;
        var quoted = false;
        foreach (var c in text)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && c is '\n' or '\r')
            {
                break;
            }
            else if (!quoted)
            {
                switch (c)
                {
                    case ',': comma++; break;
                    case ';': semicolon++; break;
                    case '\t': tab++; break;
                }
            }
        }

        return semicolon > comma && semicolon >= tab ? ";" : tab > comma && tab > semicolon ? "\t" : ",";
    }

    private static EnterpriseTable ReadXlsx(byte[] content, string extension, ILogger? logger)
    {
        if (extension is not ".xlsx")
        {
            throw Unreadable($"The file is named {extension} but is a ZIP archive: send the workbook as .xlsx, or a CSV UTF-8 file.", "ZipNotXlsx", extension);
        }

        var rows = new List<(int, string?[])>();
        List<string>? header = null;
        var columns = new List<string>();
        var number = 0;
        try
        {
            var formulas = FormulaCells(content);
            using var stream = new MemoryStream(content, writable: false);
            foreach (IDictionary<string, object?> row in stream.Query(useHeaderRow: false, excelType: ExcelType.XLSX))
            {
                number++;
                if (header is null)
                {
                    if (row.Values.All(v => v is null || v is string s && string.IsNullOrWhiteSpace(s)))
                    {
                        continue; // leading blank rows before the header
                    }

                    columns = row.Keys.ToList();
                    header = columns.Select(k => Cell(row[k]) ?? "").ToList();
                    CheckCellLengths(number, header, []);
                    while (header.Count > 0 && header[^1].Length == 0)
                    {
                        header.RemoveAt(header.Count - 1);
                        columns.RemoveAt(columns.Count - 1);
                    }

                    continue;
                }

                // A formula cell is read as "=" + its formula (not its cached value), so the row is refused as a CSV cell starting with '=' is.
                var cells = columns.Select(k => formulas.TryGetValue((number, k), out var f) ? "=" + f
                    : row.TryGetValue(k, out var v) ? Cell(v) : null).ToArray();
                if (cells.All(c => c is null))
                {
                    continue;
                }

                if (rows.Count >= MaxRows)
                {
                    throw TooMany();
                }

                CheckCellLengths(number, cells, header);
                rows.Add((number, cells));
            }
        }
        catch (BusinessException)
        {
            throw;
        }
        catch (OverflowException ex) when (header is not null)
        {
            // MiniExcel converts a number cell formatted as a date or time (e.g. [h]:mm:ss) to DateTime/TimeSpan and has no option to
            // read raw values: a huge number overflows ("TimeSpan overflowed"). The row is the one after the last one read.
            logger?.LogWarning(ex, "XLSX import file: a cell near row {Row} could not be converted", number + 1);
            throw Unreadable($"A cell near row {number + 1} holds a number too large for its date or time format; format the cell as a number or as text.",
                "XlsxCell", number + 1);
        }
        catch (Exception ex) when (ex is not (OperationCanceledException or OutOfMemoryException))
        {
            // InvalidDataException, XmlException, ArgumentException… or anything else MiniExcel throws on a damaged workbook: never a 500.
            logger?.LogWarning(ex, "XLSX import file could not be read near row {Row}", number + 1);
            throw Unreadable("The file is a ZIP archive but not a readable Excel workbook (damaged, or parts of the workbook are missing); save it again as .xlsx or as CSV UTF-8.", "ZipNotWorkbook");
        }

        return new EnterpriseTable(EnterpriseFileFormat.Xlsx, header ?? [], rows);
    }

    /// <summary>
    /// The cells of the workbook's first sheet that hold a formula (an <c>&lt;f&gt;</c> element in the sheet XML), by row number and
    /// column letters, with the formula text (empty for a cell that shares another cell's formula). MiniExcel reads only the cached
    /// values, so the sheet XML is read here. Empty when the parts cannot be found (MiniExcel then reports the workbook unreadable).
    /// </summary>
    internal static Dictionary<(int Row, string Column), string> FormulaCells(byte[] content)
    {
        var result = new Dictionary<(int, string), string>();
        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(content, writable: false), System.IO.Compression.ZipArchiveMode.Read);
        var unpacked = zip.Entries.Sum(e => e.Length);
        if (unpacked > MaxUnpackedBytes)
        {
            throw Unreadable($"The workbook unpacks to {unpacked / (1024 * 1024):N0} MB, more than {MaxUnpackedBytes / (1024 * 1024):N0} MB; split the list into smaller files.",
                "TooLargeUnpacked", unpacked / (1024 * 1024), MaxUnpackedBytes / (1024 * 1024));
        }
        var sheet = (FirstSheetPath(zip) is { } path ? zip.GetEntry(path) : null) ?? zip.GetEntry("xl/worksheets/sheet1.xml");
        if (sheet is null)
        {
            return result;
        }

        using var stream = sheet.Open();
        using var xml = System.Xml.XmlReader.Create(stream, new System.Xml.XmlReaderSettings { DtdProcessing = System.Xml.DtdProcessing.Prohibit });
        string? reference = null;
        while (xml.Read())
        {
            if (xml.NodeType != System.Xml.XmlNodeType.Element)
            {
                continue;
            }

            if (xml.LocalName == "c")
            {
                reference = xml.GetAttribute("r");
            }
            else if (xml.LocalName == "f" && reference is not null)
            {
                var letters = new string(reference.TakeWhile(char.IsAsciiLetter).ToArray()).ToUpperInvariant();
                if (int.TryParse(reference.AsSpan(letters.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var rowNumber))
                {
                    result[(rowNumber, letters)] = xml.IsEmptyElement ? "" : xml.ReadElementContentAsString();
                }

                reference = null;
            }
        }

        return result;
    }

    /// <summary>The path of the first sheet listed in <c>xl/workbook.xml</c>, through <c>xl/_rels/workbook.xml.rels</c>; or null.</summary>
    private static string? FirstSheetPath(System.IO.Compression.ZipArchive zip)
    {
        var workbook = zip.GetEntry("xl/workbook.xml");
        var rels = zip.GetEntry("xl/_rels/workbook.xml.rels");
        if (workbook is null || rels is null)
        {
            return null;
        }

        System.Xml.Linq.XDocument Load(System.IO.Compression.ZipArchiveEntry e)
        {
            using var s = e.Open();
            return System.Xml.Linq.XDocument.Load(s);
        }

        var first = Load(workbook).Descendants().FirstOrDefault(e => e.Name.LocalName == "sheet");
        var id = first?.Attributes().FirstOrDefault(a => a.Name.LocalName == "id")?.Value;
        var target = Load(rels).Descendants().FirstOrDefault(e => e.Name.LocalName == "Relationship" && (string?)e.Attribute("Id") == id)
            ?.Attribute("Target")?.Value;
        return target is null ? null : target.StartsWith('/') ? target.TrimStart('/') : "xl/" + target;
    }

    /// <summary>A cell as text: whole numbers without decimals, dates as yyyy-MM-dd, other numbers in invariant culture.</summary>
    private static string? Cell(object? value) => value switch
    {
        null => null,
        string s => string.IsNullOrWhiteSpace(s) ? null : s.Trim(),
        DateTime d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        double d when d == Math.Floor(d) && Math.Abs(d) < 1e15 => ((long)d).ToString(CultureInfo.InvariantCulture),
        decimal m when m == decimal.Truncate(m) => m.ToString("0", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
