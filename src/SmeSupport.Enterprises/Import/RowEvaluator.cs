using System.Globalization;
using System.Text.RegularExpressions;
using FluentValidation;
using SmeSupport.Enterprises.Application;
using SmeSupport.Enterprises.Contracts;
using SmeSupport.Enterprises.Domain;
using SmeSupport.Errors;
using SmeSupport.Text;

namespace SmeSupport.Enterprises.Import;

/// <summary>What one row would do: the outcome, the changes, the errors, and (when it is good) the values to write.</summary>
internal sealed class RowPlan
{
    public int RowNumber { get; init; }

    public string? TaxCode { get; set; }

    public string? Name { get; set; }

    public EnterpriseImportRowOutcome Outcome { get; set; }

    public List<ImportFieldChangeDto> Changes { get; } = [];

    public List<ImportCellErrorDto> Errors { get; } = [];

    /// <summary>The full profile to write (existing values where the row's cell is empty).</summary>
    public CreateEnterpriseDto? Input { get; set; }

    public int ProvinceCode { get; set; }

    public int WardCode { get; set; }

    public Enterprise? Existing { get; set; }

    /// <summary>A contact to add, with its validated e-mail and mobile.</summary>
    public (CreateContactDto Input, string? Email, string? Mobile)? NewContact { get; set; }

    /// <summary>The row as answered: its changes labelled and shown in the reader's culture, places named from <paramref name="reference"/>.</summary>
    public ImportRowResultDto ToDto(Guid? enterpriseId = null, ImportReference? reference = null) => new()
    {
        RowNumber = RowNumber,
        TaxCode = TaxCode,
        Name = Name,
        Outcome = Outcome,
        EnterpriseId = enterpriseId ?? Existing?.Id,
        Changes = ImportChangeText.Show(Changes,
            reference is null ? null : code => reference.Provinces.GetValueOrDefault(code),
            reference is null ? null : code => reference.Wards.TryGetValue(code, out var w) ? w.Name : null),
        Errors = Errors,
    };
}

/// <summary>Reference data a row is checked against: provinces and current communes/wards.</summary>
/// <param name="Provinces">Province code → name.</param>
/// <param name="Wards">Ward code → (province code, name).</param>
internal sealed record ImportReference(IReadOnlyDictionary<int, string> Provinces, IReadOnlyDictionary<int, (int ProvinceCode, string Name)> Wards)
{
    private readonly Dictionary<string, int> _provinceByName = BuildProvinceNames(Provinces);

    /// <summary>The official old→new conversion table, for addresses written in pre-2025 units.</summary>
    public OldAddressTable? Old { get; init; }
    private readonly Dictionary<(int, string), List<int>> _wardByName = BuildWardNames(Wards);

    private static readonly string[] ProvincePrefixes = ["tinh ", "thanh pho ", "tp "];
    private static readonly string[] WardPrefixes = ["phuong ", "xa ", "thi tran ", "dac khu ", "dac khu"];

    private static Dictionary<string, int> BuildProvinceNames(IReadOnlyDictionary<int, string> provinces)
    {
        var map = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (code, name) in provinces)
        {
            var f = ImportColumns.FoldHeader(name);
            map.TryAdd(f, code);
            map.TryAdd(Strip(f, ProvincePrefixes), code);
        }

        return map;
    }

    private static Dictionary<(int, string), List<int>> BuildWardNames(IReadOnlyDictionary<int, (int ProvinceCode, string Name)> wards)
    {
        var map = new Dictionary<(int, string), List<int>>();
        foreach (var (code, (province, name)) in wards)
        {
            var f = ImportColumns.FoldHeader(name);
            foreach (var key in new[] { f, Strip(f, WardPrefixes) }.Distinct())
            {
                if (!map.TryGetValue((province, key), out var list))
                {
                    map[(province, key)] = list = [];
                }

                if (!list.Contains(code))
                {
                    list.Add(code);
                }
            }
        }

        return map;
    }

    private static string Strip(string folded, string[] prefixes)
    {
        foreach (var p in prefixes)
        {
            if (folded.StartsWith(p, StringComparison.Ordinal) && folded.Length > p.Length)
            {
                return folded[p.Length..].Trim();
            }
        }

        return folded;
    }

    public int? FindProvince(string text)
    {
        if (int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var code))
        {
            return Provinces.ContainsKey(code) ? code : null;
        }

        var f = ImportColumns.FoldHeader(text);
        return _provinceByName.TryGetValue(f, out var c) || _provinceByName.TryGetValue(Strip(f, ProvincePrefixes), out c) ? c : null;
    }

    /// <summary>Wards in the province whose name (with or without "Phường"/"Xã") is <paramref name="text"/>.</summary>
    public IReadOnlyList<int> FindWards(int provinceCode, string text)
    {
        // The same few commune/ward names repeat on thousands of rows: folded once each.
        if (_wardLookups.TryGetValue((provinceCode, text), out var known))
        {
            return known;
        }

        var found = FindWardsUncached(provinceCode, text);
        _wardLookups[(provinceCode, text)] = found;
        return found;
    }

    private readonly Dictionary<(int, string), IReadOnlyList<int>> _wardLookups = new();

    private List<int> FindWardsUncached(int provinceCode, string text)
    {
        var f = ImportColumns.FoldHeader(text);
        if (_wardByName.TryGetValue((provinceCode, f), out var list))
        {
            return list;
        }

        return _wardByName.TryGetValue((provinceCode, Strip(f, WardPrefixes)), out list) ? list : [];
    }
}

/// <summary>
/// Checks one row of an import and works out what it would do. Empty cells keep the stored value on update (a file may carry
/// only the columns to change); on create, the API's required fields apply (name, legal form, commune/ward). Text cells that start
/// with <c>= + - @</c> are refused: a spreadsheet would run them as formulas (OWASP CSV injection), so the row is skipped with an
/// error rather than storing a text that turns into a formula when exported and opened.
/// </summary>
internal sealed partial class RowEvaluator(IValidator<CreateEnterpriseDto> validator, ImportReference reference,
    IReadOnlyDictionary<string, string> headers, EnterpriseFileFormat format)
{
    [GeneratedRegex(@"^\s*(\d{1,5})\s*(?:[-–:|]\s*.*)?$")]
    private static partial Regex WardCodePattern();

    [GeneratedRegex(@"^\d{1,3}([.,]\d{3})+$")]
    private static partial Regex GroupedNumber();

    /// <summary>The provinces and communes/wards rows are checked against (names the codes in the changes answered).</summary>
    public ImportReference Reference => reference;

    private string Column(string field) => headers.TryGetValue(field, out var h) ? h : ImportColumns.Of(field).Vietnamese;

    /// <summary>The canonical tax code of a row's cell, or an error message in the current UI culture.</summary>
    public string? CanonicalTaxCode(string? raw, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(raw))
        {
            error = EnterprisesText.Get("Import.TaxCodeRequired");
            return null;
        }

        var text = raw.Trim();
        if (format == EnterpriseFileFormat.Xlsx && text.All(char.IsAsciiDigit) && text.Length is 9 or 11)
        {
            text = "0" + text; // a number cell lost the leading zero (e.g. Hà Nội codes 01…)
        }

        if (SmeSupport.Domain.TaxCode.TryParse(text, out var code, out SmeSupport.Domain.TaxCodeError failed))
        {
            return code.Value;
        }

        // The rule that failed, in the current UI culture (the same messages as the API's: Validation.TaxCode.*).
        error = EnterprisesText.Get($"Validation.TaxCode.{failed}");
        return null;
    }

    public async Task<RowPlan> EvaluateAsync(int rowNumber, IReadOnlyDictionary<string, string?> cells, string? canonicalTaxCode, string? taxCodeError,
        Enterprise? existing, IReadOnlyList<Contact>? existingContacts, CancellationToken ct)
    {
        string? Cell(string field) => cells.TryGetValue(field, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
        var plan = new RowPlan { RowNumber = rowNumber, TaxCode = canonicalTaxCode ?? Cell(ImportColumns.TaxCode), Name = Cell(ImportColumns.Name), Existing = existing };
        void Error(string field, string message) => plan.Errors.Add(new ImportCellErrorDto(Column(field), message));

        if (taxCodeError is not null)
        {
            Error(ImportColumns.TaxCode, taxCodeError);
        }

        var formula = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in ImportColumns.TextFields)
        {
            if (Cell(field) is { } text && ImportColumns.LooksLikeFormula(text))
            {
                formula.Add(field);
                Error(field, EnterprisesText.Get("Import.Formula", text[0]));
            }
        }

        string? Text(string field) => formula.Contains(field) ? null : Cell(field);

        LegalForm? legalForm = existing?.LegalForm;
        if (Text(ImportColumns.LegalForm) is { } lf)
        {
            if (ImportColumns.TryParseLegalForm(lf, out var parsed))
            {
                legalForm = parsed;
            }
            else
            {
                legalForm = null;
                Error(ImportColumns.LegalForm, EnterprisesText.Get("Import.LegalFormUnknown", lf));
            }
        }

        var employees = existing?.Employees ?? 0;
        if (Cell(ImportColumns.Employees) is { } em)
        {
            if (ParseWhole(em) is { } n && n <= int.MaxValue)
            {
                employees = (int)n;
            }
            else
            {
                Error(ImportColumns.Employees, EnterprisesText.Get("Import.EmployeesNotNumber", em));
            }
        }

        decimal Money(string field, decimal current)
        {
            if (Cell(field) is not { } m)
            {
                return current;
            }

            if (ParseWhole(m) is { } v)
            {
                return v;
            }

            Error(field, EnterprisesText.Get("Import.AmountNotNumber", m));
            return current;
        }

        var revenue = Money(ImportColumns.Revenue, existing?.AnnualRevenueVnd ?? 0);
        var capital = Money(ImportColumns.Capital, existing?.CapitalVnd ?? 0);

        // Province and commune/ward: a ward code fixes the province; a ward name is looked up in the province given (or kept, or the default).
        int? province = null;
        int? oldProvince = null; // a province before 1 July 2025: the ward is converted through the official table
        int? oldWardCode = null;
        string? addressAsWritten = null;
        if (Text(ImportColumns.Province) is { } pt)
        {
            province = reference.FindProvince(pt);
            oldProvince = province is null ? reference.Old?.FindOldProvince(pt) : null;
            if (province is null && oldProvince is null)
            {
                Error(ImportColumns.Province, EnterprisesText.Get("Import.ProvinceUnknown", pt));
            }
        }

        int? ward = existing?.WardCode;
        var provinceOk = Text(ImportColumns.Province) is null || province is not null || oldProvince is not null;
        if (oldProvince is { } op && reference.Old is { } old)
        {
            // An address in pre-2025 units: the current ward through the conversion table, the original kept as written.
            var pt0 = Text(ImportColumns.Province)!;
            if (Text(ImportColumns.Ward) is not { } owt)
            {
                ward = null;
                Error(ImportColumns.Ward, old.WardRequired(pt0));
            }
            else if (WardCodePattern().Match(owt) is { Success: true } om
                     && reference.Wards.TryGetValue(int.Parse(om.Groups[1].Value, CultureInfo.InvariantCulture), out var chosen)
                     && old.NewProvincesOf(op).Contains(chosen.ProvinceCode))
            {
                // Staff chose the current commune/ward (e.g. where the old one split).
                ward = int.Parse(om.Groups[1].Value, CultureInfo.InvariantCulture);
                province = chosen.ProvinceCode;
            }
            else if (old.Resolve(op, null, owt) is { } resolved)
            {
                ward = resolved.NewWardCode;
                if (resolved.Error is not null)
                {
                    Error(ImportColumns.Ward, resolved.Error);
                }
                else
                {
                    province = resolved.NewProvinceCode;
                    oldWardCode = resolved.OldWardCode;
                    addressAsWritten = $"{owt}, {pt0}";
                }
            }
            else
            {
                ward = null;
                Error(ImportColumns.Ward, old.NotFound(owt, pt0));
            }
        }
        else if (Text(ImportColumns.Ward) is { } wt && provinceOk)
        {
            var inProvince = province ?? existing?.ProvinceCode ?? EnterpriseAppService.DefaultProvinceCode;
            if (WardCodePattern().Match(wt) is { Success: true } m)
            {
                var code = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
                if (!reference.Wards.TryGetValue(code, out var w))
                {
                    ward = null;
                    Error(ImportColumns.Ward, EnterprisesText.Get("Import.WardCodeUnknown", code));
                }
                else if (province is not null && w.ProvinceCode != province)
                {
                    ward = null;
                    Error(ImportColumns.Ward, EnterprisesText.Get("Import.WardNotInProvince", code, w.Name, reference.Provinces[province.Value]));
                }
                else
                {
                    ward = code;
                    province = w.ProvinceCode;
                }
            }
            else
            {
                var found = reference.FindWards(inProvince, wt);
                if (found.Count == 1)
                {
                    ward = found[0];
                    province = inProvince;
                }
                else if (found.Count == 0 && reference.Old?.Resolve(null, inProvince, wt) is { } resolved)
                {
                    // A pre-2025 commune of a place now in this province.
                    ward = resolved.NewWardCode;
                    if (resolved.Error is not null)
                    {
                        Error(ImportColumns.Ward, resolved.Error);
                    }
                    else
                    {
                        province = resolved.NewProvinceCode;
                        oldWardCode = resolved.OldWardCode;
                        addressAsWritten = Text(ImportColumns.Province) is { } p0 ? $"{wt}, {p0}" : wt;
                    }
                }
                else
                {
                    ward = null;
                    Error(ImportColumns.Ward, found.Count == 0
                        ? EnterprisesText.Get("Import.WardNameUnknown", wt, reference.Provinces.GetValueOrDefault(inProvince, inProvince.ToString(CultureInfo.InvariantCulture)))
                        : EnterprisesText.Get("Import.WardNameAmbiguous", wt, string.Join(", ", found.Select(c => $"{c} {reference.Wards[c].Name}"))));
                }
            }
        }
        else if (province is not null && existing is not null && province != existing.ProvinceCode && Text(ImportColumns.Ward) is null)
        {
            Error(ImportColumns.Ward, EnterprisesText.Get("Import.WardRequiredWithProvince"));
        }

        var provinceCode = province ?? existing?.ProvinceCode ?? EnterpriseAppService.DefaultProvinceCode;
        var wardChanged = existing is not null && ward is not null && ward != existing.WardCode;
        var input = new CreateEnterpriseDto
        {
            TaxCode = canonicalTaxCode ?? "",
            Name = Text(ImportColumns.Name) ?? existing?.Name,
            ShortName = Text(ImportColumns.ShortName) ?? existing?.ShortName,
            LegalForm = legalForm,
            IndustryCode = Text(ImportColumns.IndustryCode) ?? existing?.IndustryCode,
            Employees = employees,
            AnnualRevenueVnd = revenue,
            CapitalVnd = capital,
            ProvinceCode = provinceCode,
            WardCode = ward,
            OldWardCode = oldWardCode ?? (wardChanged ? null : existing?.OldWardCode),
            AddressAsWritten = addressAsWritten ?? existing?.AddressAsWritten,
            Street = Text(ImportColumns.Street) ?? existing?.Street,
            Website = Text(ImportColumns.Website) ?? existing?.Website,
        };

        // The API's field rules (name, lengths, VSIC code, figures, website, required legal form and ward).
        var result = await validator.ValidateAsync(input, ct);
        foreach (var failure in result.Errors)
        {
            var field = failure.PropertyName switch
            {
                nameof(CreateEnterpriseDto.WardCode) => ImportColumns.Ward,
                nameof(CreateEnterpriseDto.ProvinceCode) => ImportColumns.Province,
                nameof(CreateEnterpriseDto.TaxCode) => null, // reported above
                var p => char.ToLowerInvariant(p[0]) + p[1..],
            };
            // One message per cell: a cell already refused (formula, unreadable value) is not reported again by the field rules.
            // A ward the row gave but that could not be placed (its province refused) is not "missing".
            if (field == ImportColumns.Ward && !provinceOk && Text(ImportColumns.Ward) is not null)
            {
                continue;
            }

            if (field is not null && !plan.Errors.Any(e => e.Column == Column(field)))
            {
                Error(field, failure.ErrorMessage);
            }
        }

        // A contact person: added when no contact of the enterprise has the same e-mail (or, without e-mail, the same name).
        var contactName = Text(ImportColumns.ContactName);
        var contactEmail = Text(ImportColumns.ContactEmail);
        var contactMobile = Cell(ImportColumns.ContactMobile);
        var contactPosition = Text(ImportColumns.ContactPosition);
        if (contactName is null && (contactEmail ?? contactMobile ?? contactPosition) is not null && !formula.Contains(ImportColumns.ContactName))
        {
            Error(ImportColumns.ContactName, EnterprisesText.Get("Import.ContactNameMissing"));
        }
        else if (contactName is not null)
        {
            var contact = new CreateContactDto { FullName = contactName, Position = contactPosition, Email = contactEmail, Mobile = contactMobile };
            try
            {
                var (email, mobile) = EnterpriseProfileAppService.ValidateContact(contact);
                var folded = VietnameseText.Fold(contactName);
                var known = existingContacts?.Any(c => email is not null
                    ? string.Equals(c.Email, email, StringComparison.OrdinalIgnoreCase)
                    : c.FullNameFolded == folded) == true;
                if (!known)
                {
                    plan.NewContact = (contact, email, mobile);
                }
            }
            catch (InputValidationException ex)
            {
                foreach (var (key, messages) in ex.Errors)
                {
                    var field = key switch
                    {
                        "fullName" => ImportColumns.ContactName,
                        "position" => ImportColumns.ContactPosition,
                        "email" => ImportColumns.ContactEmail,
                        _ => ImportColumns.ContactMobile,
                    };
                    foreach (var message in messages)
                    {
                        Error(field, message);
                    }
                }
            }
        }

        if (plan.Errors.Count > 0)
        {
            plan.Outcome = EnterpriseImportRowOutcome.Error;
            return plan;
        }

        plan.Input = input;
        plan.ProvinceCode = provinceCode;
        plan.WardCode = ward!.Value;
        plan.Name = VietnameseText.Normalize(input.Name);
        var before = existing is null ? null : Snapshot.Of(existing);
        var after = Snapshot.Preview(input, provinceCode, ward.Value);
        foreach (var (field, oldValue, newValue) in Snapshot.Diff(before, after))
        {
            plan.Changes.Add(new ImportFieldChangeDto(field, oldValue, newValue));
        }

        if (addressAsWritten is not null && !string.Equals(addressAsWritten, existing?.AddressAsWritten, StringComparison.Ordinal))
        {
            plan.Changes.Add(new ImportFieldChangeDto("addressAsWritten", existing?.AddressAsWritten, addressAsWritten));
        }

        if (plan.NewContact is { } nc)
        {
            plan.Changes.Add(new ImportFieldChangeDto("contact", null,
                VietnameseText.Normalize(nc.Input.FullName) + (nc.Email is null ? "" : $" <{nc.Email}>") + (nc.Mobile is null ? "" : $" {nc.Mobile}")));
        }

        plan.Outcome = existing is null ? EnterpriseImportRowOutcome.Create
            : plan.Changes.Count == 0 ? EnterpriseImportRowOutcome.Unchanged : EnterpriseImportRowOutcome.Update;
        return plan;
    }

    /// <summary>A whole non-negative number: plain digits, digits grouped by dots or commas (1.500.000 / 1,500,000) or spaces; an XLSX number.</summary>
    private static decimal? ParseWhole(string text)
    {
        var t = text.Replace(" ", "", StringComparison.Ordinal).Replace("\u00A0", "", StringComparison.Ordinal);
        if (GroupedNumber().IsMatch(t))
        {
            t = t.Replace(".", "", StringComparison.Ordinal).Replace(",", "", StringComparison.Ordinal);
        }

        if (t.Length is > 0 and <= 20 && t.All(char.IsAsciiDigit))
        {
            return decimal.Parse(t, NumberStyles.None, CultureInfo.InvariantCulture);
        }

        // An XLSX number cell with a fractional part of zero written as 12.0, or a real fraction (refused by the whole-number rule).
        if (decimal.TryParse(t, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d) && d == decimal.Truncate(d) && d >= 0)
        {
            return d;
        }

        return null;
    }
}
