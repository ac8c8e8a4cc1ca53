using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using MiniExcelLibs;
using SmeSupport.EInvoicing.Contracts;
using SmeSupport.Errors;
using SmeSupport.Text;

namespace SmeSupport.EInvoicing.Application;

/// <summary>A field of a tax-office file.</summary>
internal enum TaxOfficeField
{
    TaxCode,
    Status,
    Kind,
    Provider,
    SubmittedDate,
    AcceptedDate,
    RefusedDate,
    FirstInvoiceDate,
    StatusDate,

    /// <summary>Read and ignored (name, row number): informational columns the tax office's lists carry.</summary>
    Ignored,
}

/// <summary>A tax-office file read into a header and rows of cell texts.</summary>
/// <param name="Format">Format.</param>
/// <param name="Header">Header cells as written.</param>
/// <param name="Rows">Data rows: the row number in the file (header = 1) and the cells (null when empty).</param>
internal sealed record TaxOfficeTable(TaxOfficeFileFormat Format, IReadOnlyList<string> Header, IReadOnlyList<(int RowNumber, string?[] Cells)> Rows);

/// <summary>
/// Reads tax-office files: CSV (UTF-8 with or without BOM; comma, semicolon, tab or pipe, detected) or XLSX (first sheet), header in
/// the first row. Headers are recognised in Vietnamese or English, ignoring case, diacritics, spaces and punctuation.
/// </summary>
internal static class TaxOfficeFile
{
    /// <summary>Most data rows one import takes.</summary>
    public const int MaxRows = 200_000;

    /// <summary>Recognised headers (folded: lower case, no diacritics, words separated by one space) and the field each names.</summary>
    public static readonly IReadOnlyDictionary<string, TaxOfficeField> Headers = BuildHeaders();

    private static Dictionary<string, TaxOfficeField> BuildHeaders()
    {
        var map = new Dictionary<string, TaxOfficeField>(StringComparer.Ordinal);
        void Add(TaxOfficeField field, params string[] names)
        {
            foreach (var n in names)
            {
                map[FoldHeader(n)] = field;
            }
        }

        Add(TaxOfficeField.TaxCode, "MST", "Mã số thuế", "Mã số thuế NNT", "Mã số thuế người nộp thuế", "Tax code", "TaxCode", "Tax ID", "Tax number");
        Add(TaxOfficeField.Status, "Trạng thái", "Tình trạng", "Trạng thái HĐĐT", "Trạng thái sử dụng HĐĐT", "Trạng thái đăng ký", "Status",
            "E-invoice status", "Registration status");
        Add(TaxOfficeField.Kind, "Loại hóa đơn", "Loại hoá đơn", "Hình thức hóa đơn", "Hình thức hoá đơn", "Hình thức", "Loại HĐĐT", "Kind",
            "Invoice kind", "Invoice type", "Type");
        Add(TaxOfficeField.Provider, "Nhà cung cấp", "Tổ chức cung cấp", "Tổ chức cung cấp dịch vụ", "Tổ chức cung cấp dịch vụ HĐĐT",
            "Nhà cung cấp dịch vụ", "NCC", "Provider", "Service provider", "E-invoice provider");
        Add(TaxOfficeField.SubmittedDate, "Ngày đăng ký", "Ngày nộp tờ khai", "Ngày gửi tờ khai", "Ngày nộp", "Ngày đăng ký sử dụng",
            "Registration date", "Submitted date", "Submission date", "Registration submitted date", "Submitted on");
        Add(TaxOfficeField.AcceptedDate, "Ngày chấp nhận", "Ngày chấp thuận", "Ngày được chấp nhận", "Accepted date", "Acceptance date", "Accepted on");
        Add(TaxOfficeField.RefusedDate, "Ngày từ chối", "Ngày không chấp nhận", "Refused date", "Refusal date", "Rejected date", "Refused on");
        Add(TaxOfficeField.FirstInvoiceDate, "Ngày xuất hóa đơn đầu tiên", "Ngày xuất hoá đơn đầu tiên", "Ngày phát hành hóa đơn đầu tiên",
            "Ngày hóa đơn đầu tiên", "Ngày xuất HĐ đầu tiên", "First invoice date", "First invoice issued date", "First invoice issued on",
            "First invoice");
        Add(TaxOfficeField.StatusDate, "Ngày", "Ngày trạng thái", "Ngày cập nhật", "Ngày hiệu lực", "Date", "Status date", "As of",
            "Effective date", "Updated on");
        Add(TaxOfficeField.Ignored, "STT", "Số TT", "No", "No.", "#", "Tên", "Tên doanh nghiệp", "Tên người nộp thuế", "Tên NNT", "Name",
            "Enterprise name", "Company name", "Taxpayer name");
        return map;
    }

    /// <summary>Folds a header or value: NFC, lower case, no diacritics (đ → d), punctuation and runs of white space to one space.</summary>
    public static string FoldHeader(string? text)
    {
        var folded = VietnameseText.Fold(text ?? "");
        var sb = new StringBuilder(folded.Length);
        var space = false;
        foreach (var c in folded)
        {
            if (char.IsLetterOrDigit(c) || c == '#')
            {
                if (space && sb.Length > 0)
                {
                    sb.Append(' ');
                }

                sb.Append(c);
                space = false;
            }
            else
            {
                space = true;
            }
        }

        return sb.ToString();
    }

    /// <summary>Reads the file; XLSX is recognised by its content (a ZIP), anything else is read as CSV text.</summary>
    /// <exception cref="BusinessException">400 with the specific reason: <see cref="ReconciliationErrorCodes.OldExcelFormat"/>,
    /// <see cref="ReconciliationErrorCodes.NotXlsx"/>, <see cref="ReconciliationErrorCodes.NotAWorkbook"/>, <see cref="ReconciliationErrorCodes.NotUtf8Text"/>
    /// (with the row of the first bad byte), <see cref="ReconciliationErrorCodes.NotText"/>, <see cref="ReconciliationErrorCodes.EmptyFile"/>,
    /// <see cref="ReconciliationErrorCodes.NoHeaderRow"/>, <see cref="ReconciliationErrorCodes.NoDataRows"/>, <see cref="ReconciliationErrorCodes.TooManyRows"/>,
    /// <see cref="ReconciliationErrorCodes.UnreadableFile"/> (CSV text that cannot be parsed).</exception>
    public static TaxOfficeTable Read(Stream content, string fileName)
    {
        var buffer = new MemoryStream();
        content.CopyTo(buffer);
        buffer.Position = 0;
        if (buffer.Length == 0)
        {
            throw new BusinessException(ReconciliationErrorCodes.EmptyFile, "The file is empty (0 bytes).");
        }

        var head = buffer.Length >= 4 ? buffer.GetBuffer().AsSpan(0, 4).ToArray() : [];
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        if (head is [0xD0, 0xCF, 0x11, 0xE0] || extension == ".xls")
        {
            throw new BusinessException(ReconciliationErrorCodes.OldExcelFormat,
                "Old Excel 97–2003 (.xls) files are not read: save the list as .xlsx or .csv (UTF-8).");
        }

        var table = head is [0x50, 0x4B, 0x03, 0x04] ? ReadXlsx(buffer) : ReadCsv(buffer, extension);
        if (table.Header.Count == 0 || table.Header.All(string.IsNullOrWhiteSpace))
        {
            throw new BusinessException(ReconciliationErrorCodes.NoHeaderRow, "The file has no header row: the first row must name the columns.");
        }

        if (table.Rows.Count == 0)
        {
            throw new BusinessException(ReconciliationErrorCodes.NoDataRows, "The file has a header but no data rows.");
        }

        return table;
    }

    private static BusinessException Unreadable(string message) => new(ReconciliationErrorCodes.UnreadableFile, message);

    private static TaxOfficeTable ReadCsv(MemoryStream buffer, string extension)
    {
        if (extension is ".xlsx" or ".xlsm")
        {
            throw new BusinessException(ReconciliationErrorCodes.NotXlsx, "The file is named .xlsx but is not an Excel workbook (not a ZIP package).");
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
        catch (DecoderFallbackException)
        {
            var row = FirstInvalidUtf8Row(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
            throw new BusinessException(ReconciliationErrorCodes.NotUtf8Text,
                $"The file is neither an .xlsx workbook nor UTF-8 text (invalid byte in row {row}): save it as .xlsx or as CSV UTF-8.")
            {
                MessageArgs = [row],
            };
        }

        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }

        if (text.Contains('\0'))
        {
            throw new BusinessException(ReconciliationErrorCodes.NotText, "The file holds binary data (NUL bytes): it is neither an .xlsx workbook nor CSV text.");
        }

        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            HasHeaderRecord = false,
            DetectDelimiter = true,
            DetectDelimiterValues = [",", ";", "\t", "|"],
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
                number++;
                var record = parser.Record ?? [];
                if (header is null)
                {
                    header = record;
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

                rows.Add((number, record.Select(c => string.IsNullOrWhiteSpace(c) ? null : c.Trim()).ToArray()));
            }
        }
        catch (CsvHelperException ex)
        {
            throw Unreadable($"The CSV text could not be read near row {number + 1}: {ex.Message.Split('\n')[0]}");
        }

        // Trailing empty header cells are not columns (a trailing delimiter, "MST,Trạng thái,"), as for XLSX; their cells are ignored.
        var names = (header ?? []).Select(h => h.Trim()).ToList();
        while (names.Count > 0 && names[^1].Length == 0)
        {
            names.RemoveAt(names.Count - 1);
        }

        return new TaxOfficeTable(TaxOfficeFileFormat.Csv, names, rows);
    }

    private static BusinessException TooMany() =>
        new(ReconciliationErrorCodes.TooManyRows, $"The file has more than {MaxRows:N0} data rows; split it into smaller files.")
        {
            MessageArgs = [MaxRows.ToString("N0", CultureInfo.InvariantCulture)],
        };

    /// <summary>The 1-based line of the first byte that is not UTF-8 (lines counted by LF).</summary>
    private static int FirstInvalidUtf8Row(ReadOnlySpan<byte> bytes)
    {
        var chars = new char[bytes.Length];
        System.Text.Unicode.Utf8.ToUtf16(bytes, chars, out var read, out _, replaceInvalidSequences: false);
        return bytes[..read].Count((byte)'\n') + 1;
    }

    private static TaxOfficeTable ReadXlsx(MemoryStream buffer)
    {
        var rows = new List<(int, string?[])>();
        List<string>? header = null;
        var columns = new List<string>();
        var number = 0;
        try
        {
            foreach (IDictionary<string, object?> row in MiniExcel.Query(buffer, useHeaderRow: false, excelType: ExcelType.XLSX))
            {
                number++;
                if (header is null)
                {
                    columns = row.Keys.ToList();
                    header = columns.Select(k => Cell(row[k]) is { } h ? (IsNumericCell(h, out var digits) ? digits : h) : "").ToList();
                    // Trailing empty header cells are not columns.
                    while (header.Count > 0 && header[^1].Length == 0)
                    {
                        header.RemoveAt(header.Count - 1);
                        columns.RemoveAt(columns.Count - 1);
                    }

                    continue;
                }

                var cells = columns.Select(k => row.TryGetValue(k, out var v) ? Cell(v) : null).ToArray();
                if (cells.All(c => c is null))
                {
                    continue;
                }

                if (rows.Count >= MaxRows)
                {
                    throw TooMany();
                }

                rows.Add((number, cells));
            }
        }
        catch (BusinessException)
        {
            throw;
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            throw new BusinessException(ReconciliationErrorCodes.NotAWorkbook,
                $"The ZIP package is not a readable Excel workbook ({ex.GetType().Name}); save it again as .xlsx or as CSV UTF-8.");
        }

        return new TaxOfficeTable(TaxOfficeFileFormat.Xlsx, header ?? [], rows);
    }

    /// <summary>A cell as text: dates as yyyy-MM-dd, numbers in invariant culture (whole numbers without decimals).</summary>
    private static string? Cell(object? value) => value switch
    {
        null => null,
        string s => string.IsNullOrWhiteSpace(s) ? null : s.Trim(),
        DateTime d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeOffset d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        double d when d == Math.Floor(d) && Math.Abs(d) < 1e15 => NumericMarker + ((long)d).ToString(CultureInfo.InvariantCulture),
        double d => d.ToString(CultureInfo.InvariantCulture),
        decimal m when m == decimal.Truncate(m) => NumericMarker + m.ToString("0", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    /// <summary>
    /// Prefix marking a whole number read from a numeric XLSX cell. It starts with U+0000, which no cell text can hold: CSV text
    /// containing it is refused as not text, and XML (so XLSX) cannot carry it at all; so a CSV or XLSX text cell such as
    /// <c>#num:123</c> is never taken for a number.
    /// </summary>
    internal const string NumericMarker = "\0#num:";

    /// <summary>True for a whole number read from a numeric XLSX cell (marked so that tax codes and dates can be read back).</summary>
    public static bool IsNumericCell(string? text, out string digits)
    {
        if (text is not null && text.StartsWith(NumericMarker, StringComparison.Ordinal))
        {
            digits = text[NumericMarker.Length..];
            return true;
        }

        digits = text ?? "";
        return false;
    }

    private static readonly string[] DateFormats =
    [
        "dd/MM/yyyy", "d/M/yyyy", "dd-MM-yyyy", "d-M-yyyy", "dd.MM.yyyy", "d.M.yyyy", "yyyy-MM-dd", "yyyy/MM/dd",
        "dd/MM/yyyy HH:mm:ss", "d/M/yyyy H:mm:ss", "dd/MM/yyyy HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm:ss",
    ];

    /// <summary>
    /// The earliest date a tax-office file may carry: e-invoices and their registration (Decree 119/2018/NĐ-CP, then Decree
    /// 123/2020/NĐ-CP) are far later, so an earlier date is a typing error. A date is allowed from this day to today (Vietnam).
    /// </summary>
    public static readonly DateOnly EarliestDate = new(2000, 1, 1);

    /// <summary>
    /// Reads a date written dd/MM/yyyy (Vietnamese usage), d/M/yyyy, dd-MM-yyyy, dd.MM.yyyy or yyyy-MM-dd (any year: the caller checks the
    /// allowed range, <see cref="EarliestDate"/> to today), or an Excel date serial (only plausible years, 1954–2118).
    /// </summary>
    public static bool TryParseDate(string text, out DateOnly date)
    {
        if (IsNumericCell(text, out var digits))
        {
            // An Excel serial date in a cell without a date format (1 = 1900-01-01); only plausible years.
            if (long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var serial) && serial is > 20000 and < 80000)
            {
                date = DateOnly.FromDateTime(DateTime.FromOADate(serial));
                return true;
            }

            date = default;
            return false;
        }

        if (DateTime.TryParseExact(text.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var dt))
        {
            date = DateOnly.FromDateTime(dt);
            return true;
        }

        date = default;
        return false;
    }

    private static readonly Dictionary<string, EInvoiceStep> Statuses = BuildStatuses();

    private static Dictionary<string, EInvoiceStep> BuildStatuses()
    {
        var map = new Dictionary<string, EInvoiceStep>(StringComparer.Ordinal);
        void Add(EInvoiceStep step, params string[] names)
        {
            foreach (var n in names)
            {
                map[FoldHeader(n)] = step;
            }
        }

        Add(EInvoiceStep.NotRegistered, "Chưa đăng ký", "Chưa đăng ký sử dụng", "Not registered", "NotRegistered", "None");
        Add(EInvoiceStep.RegistrationSubmitted, "Đã nộp đăng ký", "Đã nộp đăng ký (01/ĐKTĐ-HĐĐT)", "Đã nộp tờ khai", "Đã gửi tờ khai", "Đã đăng ký", "Chờ chấp nhận", "Chờ duyệt", "Đang xử lý",
            "Đã gửi đăng ký", "Submitted", "Registration submitted", "Registration submitted (01/ĐKTĐ-HĐĐT)", "RegistrationSubmitted", "Pending");
        Add(EInvoiceStep.Refused, "Từ chối", "Bị từ chối", "Không chấp nhận", "Không được chấp nhận", "Refused", "Rejected");
        Add(EInvoiceStep.Accepted, "Chấp nhận", "Đã chấp nhận", "Được chấp nhận", "Chấp thuận", "Đã chấp thuận", "Accepted", "Approved");
        Add(EInvoiceStep.FirstInvoiceIssued, "Đã xuất hóa đơn", "Đã xuất hoá đơn", "Đã xuất hóa đơn đầu tiên", "Đã xuất hoá đơn đầu tiên",
            "Đã phát hành hóa đơn", "Đã phát hành hoá đơn", "Đã sử dụng", "First invoice issued", "FirstInvoiceIssued", "Issued", "First invoice");
        Add(EInvoiceStep.IssuingRegularly, "Xuất thường xuyên", "Xuất hóa đơn thường xuyên", "Xuất hoá đơn thường xuyên", "Đang sử dụng",
            "Sử dụng thường xuyên", "Thường xuyên", "Issuing regularly", "IssuingRegularly", "Regular", "Regularly");
        return map;
    }

    /// <summary>Reads a status (Vietnamese or English wording, or the step's name).</summary>
    public static bool TryParseStatus(string text, out EInvoiceStep step) => Statuses.TryGetValue(FoldHeader(text), out step);

    /// <summary>Reads a kind: có mã / with code, không có mã / without code, máy tính tiền / cash register (Decree 123/2020/NĐ-CP; Decree 70/2025/NĐ-CP).</summary>
    public static bool TryParseKind(string text, out EInvoiceKind kind)
    {
        var f = FoldHeader(text);
        if (f.Contains("may tinh tien", StringComparison.Ordinal) || f.Contains("cash register", StringComparison.Ordinal)
            || f is "fromcashregister" or "pos" or "mtt")
        {
            kind = EInvoiceKind.FromCashRegister;
            return true;
        }

        if (f.Contains("khong co ma", StringComparison.Ordinal) || f.Contains("khong ma", StringComparison.Ordinal)
            || f.Contains("without code", StringComparison.Ordinal) || f is "withoutcode" or "uncoded")
        {
            kind = EInvoiceKind.WithoutCode;
            return true;
        }

        if (f.Contains("co ma", StringComparison.Ordinal) || f.Contains("with code", StringComparison.Ordinal) || f is "withcode" or "coded")
        {
            kind = EInvoiceKind.WithCode;
            return true;
        }

        kind = default;
        return false;
    }
}
