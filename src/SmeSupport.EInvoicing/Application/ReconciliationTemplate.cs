using System.Text;
using MiniExcelLibs;
using SmeSupport.EInvoicing.Contracts;
using SmeSupport.Errors;

namespace SmeSupport.EInvoicing.Application;

/// <summary><see cref="IReconciliationTemplate"/>: headers that <see cref="TaxOfficeFile"/> recognises and two rows it accepts.</summary>
internal sealed class ReconciliationTemplate : IReconciliationTemplate
{
    private static readonly ReconciliationTemplateColumnDto[] TemplateColumns =
    [
        new("Mã số thuế", ["MST", "Mã số thuế NNT", "Tax code", "TaxCode", "Tax ID"], true,
            "10 chữ số, hoặc 10 chữ số-3 chữ số (chi nhánh), hoặc 12 chữ số (hộ kinh doanh); dấu cách, dấu chấm được bỏ qua.",
            "10 digits, 10 digits-3 digits (a branch) or 12 digits (a household business); spaces and dots are ignored."),
        new("Tên người nộp thuế", ["Tên doanh nghiệp", "Tên", "Name", "Enterprise name", "Company name"], false,
            "Chỉ để đọc, không dùng khi đối chiếu.", "For reading only; not used to match."),
        new("Trạng thái", ["Tình trạng", "Trạng thái HĐĐT", "Status", "E-invoice status"], true,
            "Chưa đăng ký, Đã nộp tờ khai, Chấp nhận, Từ chối, Đã xuất hóa đơn, Xuất thường xuyên (hoặc NotRegistered, RegistrationSubmitted, Accepted, Refused, FirstInvoiceIssued, IssuingRegularly).",
            "Not registered, Registration submitted, Accepted, Refused, First invoice issued, Issuing regularly (or the Vietnamese wording)."),
        new("Loại hóa đơn", ["Hình thức hóa đơn", "Loại HĐĐT", "Kind", "Invoice kind", "Invoice type"], false,
            "Có mã, Không có mã, Máy tính tiền (trống: không đổi).", "With code, Without code, Cash register (empty: unchanged)."),
        new("Nhà cung cấp", ["Tổ chức cung cấp dịch vụ", "NCC", "Provider", "Service provider"], false,
            "Tên nhà cung cấp trong danh sách (ví dụ Viettel SInvoice, VNPT Invoice, MISA meInvoice).",
            "A provider's name from the list (e.g. Viettel SInvoice, VNPT Invoice, MISA meInvoice)."),
        new("Ngày đăng ký", ["Ngày nộp tờ khai", "Registration date", "Submitted date"], false,
            "Ngày nộp tờ khai 01/ĐKTĐ-HĐĐT, dd/MM/yyyy.", "Date form 01/ĐKTĐ-HĐĐT was submitted, dd/MM/yyyy."),
        new("Ngày chấp nhận", ["Ngày chấp thuận", "Accepted date", "Acceptance date"], false, "dd/MM/yyyy.", "dd/MM/yyyy."),
        new("Ngày từ chối", ["Ngày không chấp nhận", "Refused date", "Rejected date"], false, "dd/MM/yyyy.", "dd/MM/yyyy."),
        new("Ngày xuất hóa đơn đầu tiên", ["Ngày hóa đơn đầu tiên", "First invoice date", "First invoice issued date"], false,
            "dd/MM/yyyy.", "dd/MM/yyyy."),
        new("Ngày trạng thái", ["Ngày", "Ngày cập nhật", "Date", "Status date", "As of"], false,
            "Ngày của trạng thái khi không có cột ngày riêng, dd/MM/yyyy.", "Date of the status when no step date column gives it, dd/MM/yyyy."),
    ];

    private static readonly string?[][] ExampleRows =
    [
        ["0100109106", "Công ty ví dụ A (xóa dòng này)", "Chấp nhận", "Có mã", "Viettel SInvoice", "05/01/2025", "08/01/2025", null, null, null],
        ["2600100017", "Công ty ví dụ B (xóa dòng này)", "Đã xuất hóa đơn", "Không có mã", "VNPT Invoice", "02/03/2025", "04/03/2025", null, "10/03/2025", null],
    ];

    public IReadOnlyList<ReconciliationTemplateColumnDto> Columns => TemplateColumns;

    public ReconciliationTemplateFileDto Create(string? format)
    {
        switch (string.IsNullOrWhiteSpace(format) ? "csv" : format.Trim().ToLowerInvariant())
        {
            case "csv":
                var sb = new StringBuilder();
                sb.Append(string.Join(',', TemplateColumns.Select(c => Csv(c.Header)))).Append("\r\n");
                foreach (var row in ExampleRows)
                {
                    sb.Append(string.Join(',', row.Select(Csv))).Append("\r\n");
                }

                return new("mau-doi-chieu-hddt.csv", "text/csv; charset=utf-8", [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(sb.ToString())]);
            case "xlsx":
                var rows = ExampleRows.Select(r =>
                {
                    var d = new Dictionary<string, object?>();
                    for (var i = 0; i < TemplateColumns.Length; i++)
                    {
                        d[TemplateColumns[i].Header] = r[i];
                    }

                    return (IDictionary<string, object?>)d;
                }).ToList();
                using (var stream = new MemoryStream())
                {
                    stream.SaveAs(rows, printHeader: true, sheetName: "DoiChieu", excelType: ExcelType.XLSX);
                    return new("mau-doi-chieu-hddt.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", stream.ToArray());
                }

            default:
                new FieldErrors().Add("format", FieldText.Get("Field.TemplateFormat")).ThrowIfAny();
                throw new InvalidOperationException("unreachable");
        }
    }

    private static string Csv(string? cell) =>
        cell is null ? "" : cell.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + cell.Replace("\"", "\"\"") + "\"" : cell;
}
