using Microsoft.EntityFrameworkCore;
using SmeSupport.Cases.Contracts;
using SmeSupport.Cases.Domain;
using SmeSupport.Cases.Persistence;
using SmeSupport.Errors;
using SmeSupport.Identity.Contracts;
using SmeSupport.Text;

namespace SmeSupport.Cases.Application;

/// <summary>The holiday calendar (Labour Code 45/2019/QH14, Art. 112), edited by Admin.</summary>
internal sealed class PublicHolidayAppService(CasesDb db) : IPublicHolidayAppService
{
    public async Task<IReadOnlyList<PublicHolidayDto>> GetListAsync(int year, CancellationToken cancellationToken = default)
    {
        if (year is < 2000 or > 2100)
        {
            throw new InputValidationException(new Dictionary<string, string[]> { ["year"] = ["Year must be between 2000 and 2100."] });
        }

        var from = new DateOnly(year, 1, 1);
        var to = new DateOnly(year, 12, 31);
        var rows = await db.PublicHolidays.AsNoTracking().Where(h => h.Date >= from && h.Date <= to).ToListAsync(cancellationToken);
        return rows.OrderBy(h => h.Date).Select(h => new PublicHolidayDto(h.Id, h.Date, h.Name, h.Kind)).ToList();
    }

    public async Task<PublicHolidayDto> CreateAsync(CreatePublicHolidayDto input, CancellationToken cancellationToken = default)
    {
        var errors = new FieldErrors();
        if (input.Date is not { } date)
        {
            errors.Add("date", "Date is required.");
        }
        else if (date.Year is < 2000 or > 2100)
        {
            errors.Add("date", "Date must be in the years 2000–2100.");
        }

        var name = input.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > PublicHoliday.NameMaxLength)
        {
            errors.Add("name", $"Name is required, at most {PublicHoliday.NameMaxLength} characters.");
        }

        var kind = input.Kind ?? HolidayKind.Holiday;
        if (!Enum.IsDefined(kind))
        {
            errors.Add("kind", "Kind is not one of the known values.");
        }
        else if (input.Date is { } d && (kind == HolidayKind.WorkingDay) != (d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday))
        {
            errors.Add("kind", kind == HolidayKind.WorkingDay
                ? "Only a Saturday or Sunday can be a worked day."
                : "A Saturday or Sunday is not a working day anyway; record the compensatory weekday instead (Labour Code 2019, Art. 111(3)).");
        }

        errors.ThrowIfAny();
        if (await db.PublicHolidays.AnyAsync(h => h.Date == input.Date!.Value, cancellationToken))
        {
            throw new ConflictException(CasesErrorCodes.DuplicateHoliday, $"The calendar already has an entry for {input.Date:yyyy-MM-dd}.");
        }

        var holiday = new PublicHoliday { Date = input.Date!.Value, Name = VietnameseText.Normalize(name!), Kind = kind };
        db.PublicHolidays.Add(holiday);
        await db.Context.SaveChangesAsync(cancellationToken);
        return new PublicHolidayDto(holiday.Id, holiday.Date, holiday.Name, holiday.Kind);
    }

    public async Task DeleteAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var holiday = await db.PublicHolidays.FirstOrDefaultAsync(h => h.Id == id, cancellationToken)
                      ?? throw new EntityNotFoundException("PublicHoliday", id);
        db.PublicHolidays.Remove(holiday);
        await db.Context.SaveChangesAsync(cancellationToken);
    }
}

/// <summary>Which communes each officer covers (for automatic assignment).</summary>
internal sealed class OfficerCoverageService(CasesDb db, IUserDirectory users, SmeSupport.Enterprises.Contracts.IEnterpriseLookup enterprises)
{
    public async Task<IReadOnlyList<OfficerCoverageDto>> GetAllAsync(CancellationToken ct)
    {
        var rows = await db.Coverage.AsNoTracking().ToListAsync(ct);
        return rows.GroupBy(r => r.OfficerId).OrderBy(g => g.Key)
            .Select(g => new OfficerCoverageDto(g.Key, g.Select(r => r.WardCode).Order().ToList())).ToList();
    }

    public async Task<OfficerCoverageDto> SetAsync(Guid officerId, SetOfficerCoverageDto input, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (input.WardCodes is null)
        {
            errors.Add("wardCodes", "Ward codes are required (an empty list removes the coverage).");
        }
        else if (input.WardCodes.Any(c => c <= 0))
        {
            errors.Add("wardCodes", "Ward codes are positive numbers.");
        }
        else if (input.WardCodes.Count > 0)
        {
            var codes = input.WardCodes.Distinct().ToList();
            var known = await enterprises.GetWardNamesAsync(codes, ct);
            var unknown = codes.Where(c => !known.ContainsKey(c)).ToList();
            if (unknown.Count > 0)
            {
                errors.Add("wardCodes", $"Unknown communes: {string.Join(", ", unknown)}.");
            }
        }

        if (!(await users.ListWithPermissionAsync(CasesPermissions.Manage, ct)).Any(u => u.Id == officerId))
        {
            errors.Add("officerId", $"User '{officerId}' is not an officer who can work cases.");
        }

        errors.ThrowIfAny();
        var wanted = input.WardCodes!.Distinct().ToHashSet();
        var current = await db.Coverage.Where(c => c.OfficerId == officerId).ToListAsync(ct);
        db.Coverage.RemoveRange(current.Where(c => !wanted.Contains(c.WardCode)));
        foreach (var code in wanted.Where(w => current.All(c => c.WardCode != w)))
        {
            db.Coverage.Add(new OfficerCommuneCoverage { OfficerId = officerId, WardCode = code });
        }

        await db.Context.SaveChangesAsync(ct);
        return new OfficerCoverageDto(officerId, wanted.Order().ToList());
    }
}
