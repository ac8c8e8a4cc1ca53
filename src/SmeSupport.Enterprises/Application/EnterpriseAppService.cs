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
internal sealed class EnterpriseAppService(EnterprisesDb db, IValidator<CreateEnterpriseDto> validator, ICurrentUser currentUser,
    EnterpriseSearchIndex searchIndex) : IEnterpriseAppService
{
    /// <summary>Default province: Phú Thọ (code 25 after 1 July 2025).</summary>
    public const int DefaultProvinceCode = 25;

    public async Task<PagedResultDto<EnterpriseDto>> GetListAsync(EnterpriseListFilterDto filter, CancellationToken cancellationToken = default)
    {
        var errors = new FieldErrors();
        if (filter.Page < 1)
        {
            errors.Add("page", EnterprisesText.Get("Validation.Page.Min"));
        }

        if (filter.PageSize is < 1 or > PagedRequestDto.MaxPageSize)
        {
            errors.Add("pageSize", EnterprisesText.Get("Validation.PageSize.Range", PagedRequestDto.MaxPageSize));
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
        if (q.Length > 0 && currentUser.HasPermission(EnterprisesPermissions.Default) && EnterpriseSearchIndex.Handles(filter))
        {
            // Free text over the whole register: the in-memory index finds the page (see EnterpriseSearchIndex), the database reads it.
            var fd = new string(q.Where(char.IsAsciiDigit).ToArray());
            var prefix = fd.Length >= 3 && q.All(c => char.IsAsciiDigit(c) || c is ' ' or '.' or '-') ? (fd.Length > 10 ? fd[..10] + "-" + fd[10..] : fd) : null;
            var (ids, count) = await searchIndex.SearchAsync(db, filter, q, prefix, cancellationToken);
            var found = await query.Where(e => ids.Contains(e.Id)).Select(Projection).ToListAsync(cancellationToken);
            var order = ids.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i);
            return new PagedResultDto<EnterpriseDto>(found.OrderBy(e => order[e.Id]).ToList(), count);
        }

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

        var cohort = VietnameseText.Fold(filter.Cohort);
        if (cohort.Length > 0)
        {
            query = query.Where(e => e.Cohorts.Any(c => c.CohortNameFolded == cohort));
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
        var enterprise = await AddValidatedAsync(input, cancellationToken);
        await SaveAsync(cancellationToken);
        return await GetAsync(enterprise.Id, cancellationToken);
    }

    /// <summary>
    /// Validates <paramref name="input"/> and adds the enterprise to the unit of work without saving (the caller saves,
    /// possibly with more rows, e.g. an approved registration's contact). No permission check: callers check.
    /// </summary>
    internal async Task<Enterprise> AddValidatedAsync(CreateEnterpriseDto input, CancellationToken cancellationToken)
    {
        var (taxCode, provinceCode, wardCode) = await ValidateAsync(input, null, cancellationToken);
        var enterprise = new Enterprise { TaxCode = taxCode };
        Apply(enterprise, input, provinceCode, wardCode);
        db.Enterprises.Add(enterprise);
        return enterprise;
    }

    public async Task DeleteAsync(Guid id, CancellationToken cancellationToken = default)
    {
        RequirePermission(EnterprisesPermissions.Delete);
        var enterprise = await db.Enterprises.FirstOrDefaultAsync(e => e.Id == id, cancellationToken)
                         ?? throw new EntityNotFoundException("Enterprise", id);
        db.Enterprises.Remove(enterprise); // the audit interceptor turns this into a soft delete
        await SaveAsync(cancellationToken);
    }

    public async Task<EnterpriseDto> RestoreAsync(Guid id, CancellationToken cancellationToken = default)
    {
        RequirePermission(EnterprisesPermissions.Delete);
        var enterprise = await db.Enterprises.IgnoreQueryFilters().FirstOrDefaultAsync(e => e.Id == id, cancellationToken)
                         ?? throw new EntityNotFoundException("Enterprise", id);
        if (!enterprise.IsDeleted)
        {
            throw new ConflictException(EnterprisesErrorCodes.NotDeleted, "The enterprise is not deleted.");
        }

        if (await db.Enterprises.AnyAsync(e => e.TaxCode == enterprise.TaxCode, cancellationToken))
        {
            throw new BusinessException(EnterprisesErrorCodes.DuplicateTaxCode,
                $"Another enterprise with tax code {enterprise.TaxCode} has been registered since; it cannot be restored.", 409)
            {
                MessageArgs = [enterprise.TaxCode, EnterprisesErrorMessages.Part("DuplicateTaxCode.Restore")],
            };
        }

        enterprise.IsDeleted = false;
        await SaveAsync(cancellationToken);
        return await GetAsync(id, cancellationToken);
    }

    public async Task<PagedResultDto<DeletedEnterpriseDto>> GetDeletedListAsync(PagedRequestDto paging, CancellationToken cancellationToken = default)
    {
        RequirePermission(EnterprisesPermissions.Delete);
        ValidatePaging(paging.Page, paging.PageSize);
        var query = db.Enterprises.IgnoreQueryFilters().AsNoTracking().Where(e => e.IsDeleted);
        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderByDescending(e => e.DeletedAt).ThenBy(e => e.TaxCode)
            .Skip(paging.Skip).Take(paging.PageSize)
            .Select(e => new DeletedEnterpriseDto(e.Id, e.TaxCode, e.Name, e.DeletedAt, e.DeletedBy))
            .ToListAsync(cancellationToken);
        return new PagedResultDto<DeletedEnterpriseDto>(items, total);
    }

    private static void ValidatePaging(int page, int pageSize)
    {
        var errors = new FieldErrors();
        if (page < 1)
        {
            errors.Add("page", EnterprisesText.Get("Validation.Page.Min"));
        }

        if (pageSize is < 1 or > PagedRequestDto.MaxPageSize)
        {
            errors.Add("pageSize", EnterprisesText.Get("Validation.PageSize.Range", PagedRequestDto.MaxPageSize));
        }

        errors.ThrowIfAny();
    }

    public async Task<EnterpriseDto> UpdateAsync(Guid id, UpdateEnterpriseDto input, CancellationToken cancellationToken = default)
    {
        var enterprise = await VisibleEnterprises(tracking: true).FirstOrDefaultAsync(e => e.Id == id, cancellationToken)
                         ?? throw new EntityNotFoundException("Enterprise", id);
        if (!currentUser.HasPermission(EnterprisesPermissions.Update) && currentUser.EnterpriseId != id)
        {
            throw new ForbiddenException();
        }

        if (!currentUser.HasPermission(EnterprisesPermissions.Update))
        {
            // An enterprise user edits its profile, not its tax code or programme status: a different value is refused before any
            // validation or lookup (a uniqueness check would tell it whether another enterprise has that tax code).
            input = KeepStaffOnlyFields(enterprise, input);
        }

        if (string.IsNullOrEmpty(input.ConcurrencyStamp))
        {
            // Without the stamp read before editing, a stale edit would silently overwrite someone else's change.
            throw new InputValidationException(new Dictionary<string, string[]>
            {
                ["concurrencyStamp"] = ["Send the concurrencyStamp of the record you edited."],
            });
        }

        var (taxCode, provinceCode, wardCode) = await ValidateAsync(input, id, cancellationToken);
        db.Context.Entry(enterprise).Property(e => e.ConcurrencyStamp).OriginalValue = input.ConcurrencyStamp;

        enterprise.TaxCode = taxCode;
        Apply(enterprise, input, provinceCode, wardCode);
        await SaveAsync(cancellationToken);
        return await GetAsync(id, cancellationToken);
    }

    /// <summary>
    /// For an enterprise user: <paramref name="input"/> with the stored tax code and programme status. A value sent for either that
    /// differs from the stored one (the tax code compared in canonical form) is refused with 400
    /// <see cref="EnterprisesErrorCodes.FieldNotChangeable"/> on the field; an absent value means unchanged.
    /// </summary>
    private static UpdateEnterpriseDto KeepStaffOnlyFields(Enterprise enterprise, UpdateEnterpriseDto input)
    {
        var errors = new Dictionary<string, string[]>();
        if (!string.IsNullOrWhiteSpace(input.TaxCode)
            && !(SmeSupport.Domain.TaxCode.TryParse(input.TaxCode, out var sent, out string? _) && sent.Value == enterprise.TaxCode))
        {
            errors["taxCode"] = [EnterprisesText.Get("Validation.NotChangeableHere")];
        }

        if (input.ProgrammeStatus is { } status && status != enterprise.ProgrammeStatus)
        {
            errors["programmeStatus"] = [EnterprisesText.Get("Validation.NotChangeableHere")];
        }

        if (errors.Count > 0)
        {
            throw new BusinessException(EnterprisesErrorCodes.FieldNotChangeable,
                "The tax code and the programme status are changed by the office only; send them unchanged or leave them out.", 400, errors);
        }

        return input with { TaxCode = enterprise.TaxCode, ProgrammeStatus = enterprise.ProgrammeStatus };
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

    private async Task<(string TaxCode, int ProvinceCode, int WardCode)> ValidateAsync(CreateEnterpriseDto input, Guid? existingId, CancellationToken ct)
    {
        var errors = await new FieldErrors().AddFromAsync(validator, input, ct);

        // An address in pre-reform units: find the current unit through the official conversion table.
        var wardCode = input.WardCode;
        List<WardCandidateDto>? split = null;
        int? convertedProvince = null;
        if (input.OldWardCode is { } oldWard)
        {
            var targets = await db.WardConversions.AsNoTracking().Where(c => c.OldWardCode == oldWard)
                .Select(c => new { c.NewWardCode, c.NewProvinceCode }).Distinct().ToListAsync(ct);
            var codes = targets.Select(t => t.NewWardCode).Distinct().ToList();
            if (codes.Count == 0)
            {
                errors.Add("oldWardCode", $"Old commune code {oldWard} is not in the official conversion table.");
            }
            else if (wardCode is { } chosen && !codes.Contains(chosen))
            {
                errors.Add("wardCode", $"Commune/ward {chosen} is not one of the current units that old commune {oldWard} went to ({string.Join(", ", codes.Order())}).");
            }
            else
            {
                convertedProvince = targets[0].NewProvinceCode;
                if (wardCode is null && codes.Count == 1)
                {
                    wardCode = codes[0];
                }
                else if (wardCode is null)
                {
                    split = await db.Wards.AsNoTracking().Where(w => codes.Contains(w.Code)).OrderBy(w => w.NameSortKey)
                        .Select(w => new WardCandidateDto(w.Code, w.Name)).ToListAsync(ct);
                }
            }
        }

        var provinceCode = input.ProvinceCode ?? convertedProvince ?? DefaultProvinceCode;
        if (!await db.Provinces.AnyAsync(p => p.Code == provinceCode, ct))
        {
            errors.Add("provinceCode", $"Province code {provinceCode} is not one of the 34 provinces.");
        }
        else if (wardCode is { } ward && !errors.Has("wardCode")
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
                    new Dictionary<string, string[]> { ["taxCode"] = [EnterprisesText.Get("Validation.Registration.TaxCodeRegistered", taxCode)] })
                {
                    MessageArgs = [taxCode, ""],
                };
            }
        }

        errors.ThrowIfAny();
        if (split is not null)
        {
            var ex = new BusinessException(EnterprisesErrorCodes.OldWardSplit,
                $"Old commune {input.OldWardCode} was split between {split.Count} current communes/wards: choose one as wardCode.", 409,
                new Dictionary<string, string[]>
                {
                    ["wardCode"] = [EnterprisesText.Get("Validation.WardCode.ChooseOne", string.Join(", ", split.Select(c => $"{c.Code} {c.Name}")))],
                })
            {
                MessageArgs = [input.OldWardCode, split.Count],
            };
            ex.Extensions["candidates"] = split;
            throw ex;
        }

        return (taxCode, provinceCode, wardCode!.Value);
    }

    internal static void Apply(Enterprise e, CreateEnterpriseDto input, int provinceCode, int wardCode)
    {
        e.OldWardCode = input.OldWardCode;
        e.AddressAsWritten = string.IsNullOrWhiteSpace(input.AddressAsWritten) ? null : VietnameseText.Normalize(input.AddressAsWritten);
        e.LegalForm = input.LegalForm!.Value;
        e.IndustryCode = string.IsNullOrWhiteSpace(input.IndustryCode) ? null : input.IndustryCode.Trim().ToUpperInvariant();
        e.IndustrySection = EnterpriseSizeClassifier.SectionOf(e.IndustryCode);
        e.ProvinceCode = provinceCode;
        e.WardCode = wardCode;
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
            var taxCode = db.Context.ChangeTracker.Entries<Enterprise>()
                .FirstOrDefault(e => e.State is EntityState.Added or EntityState.Modified)?.Entity.TaxCode ?? "";
            throw new BusinessException(EnterprisesErrorCodes.DuplicateTaxCode, "An enterprise with this tax code is already registered.", 409,
                new Dictionary<string, string[]> { ["taxCode"] = [EnterprisesText.Get("Validation.Registration.TaxCodeRegistered", taxCode)] })
            {
                MessageArgs = [taxCode, ""],
            };
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
        OldWardCode = e.OldWardCode,
        AddressAsWritten = e.AddressAsWritten,
        Website = e.Website,
        ProgrammeStatus = e.ProgrammeStatus,
        Cohorts = e.Cohorts.OrderBy(c => c.JoinedOn).Select(c => new CohortMembershipDto(c.Id, c.CohortName, c.JoinedOn)).ToList(),
        CreatedAt = e.CreatedAt,
        ConcurrencyStamp = e.ConcurrencyStamp,
    };
}
