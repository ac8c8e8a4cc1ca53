using FluentValidation;
using Microsoft.EntityFrameworkCore;
using SmeSupport.Application;
using SmeSupport.Domain;
using SmeSupport.Enterprises.Contracts;
using SmeSupport.Enterprises.Domain;
using SmeSupport.Enterprises.Persistence;
using SmeSupport.Errors;
using SmeSupport.Security;
using SmeSupport.Text;

namespace SmeSupport.Enterprises.Application;

/// <summary>Enterprise registry: list, read, create, update. Staff with <c>SmeSupport.Enterprises</c> see every enterprise; an EnterpriseUser sees only its own.</summary>
internal sealed class EnterpriseAppService(EnterprisesDb db, IValidator<CreateEnterpriseDto> validator, ICurrentUser currentUser)
    : IEnterpriseAppService
{
    /// <summary>Default province: Phú Thọ (code 25 after 1 July 2025).</summary>
    public const int DefaultProvinceCode = 25;

    public async Task<PagedResultDto<EnterpriseDto>> GetListAsync(EnterpriseListFilterDto filter, CancellationToken cancellationToken = default)
    {
        var errors = new FieldErrors();
        if (filter.Page < 1)
        {
            errors.Add("page", "Page must be 1 or more.");
        }

        if (filter.PageSize is < 1 or > PagedRequestDto.MaxPageSize)
        {
            errors.Add("pageSize", $"Page size must be between 1 and {PagedRequestDto.MaxPageSize}.");
        }

        if (filter.Q is { Length: > 200 })
        {
            errors.Add("q", "Search text must be at most 200 characters.");
        }

        if (filter.LegalForm is { } lf && !Enum.IsDefined(lf))
        {
            errors.Add("legalForm", "Legal form is not one of the known values.");
        }

        if (filter.Size is { } sz && !Enum.IsDefined(sz))
        {
            errors.Add("size", "Size is not one of the known values.");
        }

        if (filter.ProgrammeStatus is { } ps && !Enum.IsDefined(ps))
        {
            errors.Add("programmeStatus", "Programme status is not one of the known values.");
        }

        errors.ThrowIfAny();

        var query = VisibleEnterprises();
        var q = VietnameseText.Fold(filter.Q);
        if (q.Length > 0)
        {
            var digits = new string(q.Where(char.IsAsciiDigit).ToArray());
            var isTaxCodePrefix = digits.Length >= 3 && q.All(c => char.IsAsciiDigit(c) || c is ' ' or '.' or '-');
            if (isTaxCodePrefix)
            {
                var prefix = digits.Length > 10 ? digits[..10] + "-" + digits[10..] : digits;
                query = query.Where(e => e.TaxCode.StartsWith(prefix) || e.SearchText.Contains(q));
            }
            else
            {
                query = query.Where(e => e.SearchText.Contains(q)
                                         || e.Contacts.Any(c => !c.IsDeleted && c.FullNameFolded.Contains(q)));
            }
        }

        if (filter.WardCode is { } ward)
        {
            query = query.Where(e => e.WardCode == ward);
        }

        if (filter.LegalForm is { } form)
        {
            query = query.Where(e => e.LegalForm == form);
        }

        if (filter.Size is { } size)
        {
            query = query.Where(e => e.Size == size);
        }

        if (!string.IsNullOrWhiteSpace(filter.Section))
        {
            var section = filter.Section.Trim().ToUpperInvariant();
            query = query.Where(e => e.IndustrySection == section);
        }

        if (filter.ProgrammeStatus is { } status)
        {
            query = query.Where(e => e.ProgrammeStatus == status);
        }

        var total = await query.CountAsync(cancellationToken);
        var page = await query.OrderBy(e => e.NameSortKey).ThenBy(e => e.TaxCode)
            .Skip(filter.Skip).Take(filter.PageSize)
            .Select(Projection)
            .ToListAsync(cancellationToken);
        return new PagedResultDto<EnterpriseDto>(page, total);
    }

    public async Task<EnterpriseDto> GetAsync(Guid id, CancellationToken cancellationToken = default) =>
        await VisibleEnterprises().Where(e => e.Id == id).Select(Projection).FirstOrDefaultAsync(cancellationToken)
        ?? throw new EntityNotFoundException("Enterprise", id);

    public async Task<EnterpriseDto> CreateAsync(CreateEnterpriseDto input, CancellationToken cancellationToken = default)
    {
        RequirePermission(EnterprisesPermissions.Create);
        var (taxCode, provinceCode) = await ValidateAsync(input, null, cancellationToken);
        var enterprise = new Enterprise { TaxCode = taxCode };
        Apply(enterprise, input, provinceCode);
        db.Enterprises.Add(enterprise);
        await SaveAsync(cancellationToken);
        return await GetAsync(enterprise.Id, cancellationToken);
    }

    public async Task<EnterpriseDto> UpdateAsync(Guid id, UpdateEnterpriseDto input, CancellationToken cancellationToken = default)
    {
        var enterprise = await VisibleEnterprises(tracking: true).FirstOrDefaultAsync(e => e.Id == id, cancellationToken)
                         ?? throw new EntityNotFoundException("Enterprise", id);
        if (!currentUser.HasPermission(EnterprisesPermissions.Update) && currentUser.EnterpriseId != id)
        {
            throw new ForbiddenException();
        }

        if (string.IsNullOrEmpty(input.ConcurrencyStamp))
        {
            // Without the stamp read before editing, a stale edit would silently overwrite someone else's change.
            throw new InputValidationException(new Dictionary<string, string[]>
            {
                ["concurrencyStamp"] = ["Send the concurrencyStamp of the record you edited."],
            });
        }

        var (taxCode, provinceCode) = await ValidateAsync(input, id, cancellationToken);
        db.Context.Entry(enterprise).Property(e => e.ConcurrencyStamp).OriginalValue = input.ConcurrencyStamp;

        if (!currentUser.HasPermission(EnterprisesPermissions.Update))
        {
            // An enterprise user edits its profile, not its tax code or programme status.
            taxCode = enterprise.TaxCode;
            input = input with { ProgrammeStatus = enterprise.ProgrammeStatus };
        }

        enterprise.TaxCode = taxCode;
        Apply(enterprise, input, provinceCode);
        await SaveAsync(cancellationToken);
        return await GetAsync(id, cancellationToken);
    }

    private IQueryable<Enterprise> VisibleEnterprises(bool tracking = false)
    {
        var query = tracking ? db.Enterprises : db.Enterprises.AsNoTracking();
        if (currentUser.HasPermission(EnterprisesPermissions.Default))
        {
            return query;
        }

        if (currentUser.HasPermission(EnterprisesPermissions.OwnEnterprise) && currentUser.EnterpriseId is { } own)
        {
            return query.Where(e => e.Id == own);
        }

        throw new ForbiddenException();
    }

    private void RequirePermission(string permission)
    {
        if (!currentUser.HasPermission(permission))
        {
            throw new ForbiddenException();
        }
    }

    private async Task<(string TaxCode, int ProvinceCode)> ValidateAsync(CreateEnterpriseDto input, Guid? existingId, CancellationToken ct)
    {
        var errors = await new FieldErrors().AddFromAsync(validator, input, ct);
        var provinceCode = input.ProvinceCode ?? DefaultProvinceCode;
        if (!await db.Provinces.AnyAsync(p => p.Code == provinceCode, ct))
        {
            errors.Add("provinceCode", $"Province code {provinceCode} is not one of the 34 provinces.");
        }
        else if (input.WardCode is { } ward && !errors.Has("wardCode")
                 && !await db.Wards.AnyAsync(w => w.Code == ward && w.ProvinceCode == provinceCode, ct))
        {
            errors.Add("wardCode", $"Commune/ward code {ward} is not a current commune or ward of province {provinceCode}.");
        }

        var taxCode = "";
        if (!errors.Has("taxCode"))
        {
            taxCode = SmeSupport.Domain.TaxCode.Parse(input.TaxCode!).Value;
            if (await db.Enterprises.AnyAsync(e => e.TaxCode == taxCode && e.Id != existingId, ct))
            {
                errors.ThrowIfAny();
                throw new BusinessException(EnterprisesErrorCodes.DuplicateTaxCode,
                    $"An enterprise with tax code {taxCode} is already registered.", 409,
                    new Dictionary<string, string[]> { ["taxCode"] = [$"Tax code {taxCode} is already registered."] });
            }
        }

        errors.ThrowIfAny();
        return (taxCode, provinceCode);
    }

    private static void Apply(Enterprise e, CreateEnterpriseDto input, int provinceCode)
    {
        e.LegalForm = input.LegalForm!.Value;
        e.IndustryCode = string.IsNullOrWhiteSpace(input.IndustryCode) ? null : input.IndustryCode.Trim().ToUpperInvariant();
        e.IndustrySection = EnterpriseSizeClassifier.SectionOf(e.IndustryCode);
        e.ProvinceCode = provinceCode;
        e.WardCode = input.WardCode!.Value;
        e.Street = string.IsNullOrWhiteSpace(input.Street) ? null : VietnameseText.Normalize(input.Street);
        e.Website = string.IsNullOrWhiteSpace(input.Website) ? null : input.Website.Trim();
        e.ProgrammeStatus = input.ProgrammeStatus ?? e.ProgrammeStatus;
        e.SetNames(input.Name!, input.ShortName);
        e.SetFigures(input.Employees, input.AnnualRevenueVnd, input.CapitalVnd);
    }

    private async Task SaveAsync(CancellationToken ct)
    {
        try
        {
            await db.Context.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex is not DbUpdateConcurrencyException
                                           && ex.InnerException?.Message.Contains("TaxCode", StringComparison.OrdinalIgnoreCase) == true)
        {
            // A concurrent insert won the race for the same tax code (unique index).
            throw new BusinessException(EnterprisesErrorCodes.DuplicateTaxCode, "An enterprise with this tax code is already registered.", 409,
                new Dictionary<string, string[]> { ["taxCode"] = ["This tax code is already registered."] });
        }
    }

    private System.Linq.Expressions.Expression<Func<Enterprise, EnterpriseDto>> Projection => e => new EnterpriseDto
    {
        Id = e.Id,
        TaxCode = e.TaxCode,
        Name = e.Name,
        ShortName = e.ShortName,
        LegalForm = e.LegalForm,
        IndustryCode = e.IndustryCode,
        IndustrySection = e.IndustrySection,
        Employees = e.Employees,
        AnnualRevenueVnd = e.AnnualRevenueVnd,
        CapitalVnd = e.CapitalVnd,
        Size = e.Size,
        ProvinceCode = e.ProvinceCode,
        WardCode = e.WardCode,
        WardName = db.Wards.Where(w => w.Code == e.WardCode).Select(w => w.Name).FirstOrDefault(),
        Street = e.Street,
        Website = e.Website,
        ProgrammeStatus = e.ProgrammeStatus,
        CreatedAt = e.CreatedAt,
        ConcurrencyStamp = e.ConcurrencyStamp,
    };
}
