using SmeSupport.Application;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SmeSupport.Domain;
using SmeSupport.Enterprises.Contracts;
using SmeSupport.Errors;
using SmeSupport.Security;
using SmeSupport.Text;
using SmeSupport.Timing;
using SmeSupport.Trials.Contracts;
using SmeSupport.Trials.Domain;
using SmeSupport.Trials.Persistence;

namespace SmeSupport.Trials.Application;

/// <summary>Catalogue editing (Admin).</summary>
internal sealed partial class PlatformAppService
{
    /// <summary>Highest accepted price after the trial, VND per year.</summary>
    public const decimal MaxPriceVnd = 10_000_000_000m;

    public async Task<PlatformDto> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var p = await db.Platforms.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, cancellationToken)
                ?? throw new EntityNotFoundException("Platform", id);
        return ToDto(p);
    }

    public async Task<PlatformDto> CreateAsync(SavePlatformDto input, CancellationToken cancellationToken = default)
    {
        Validate(input).ThrowIfAny();
        var name = input.Name!.Trim();
        await EnsureUniqueNameAsync(name, null, cancellationToken);
        var platform = new Platform();
        Apply(platform, input);
        db.Platforms.Add(platform);
        await SaveAsync(platform, name, cancellationToken);
        return ToDto(platform);
    }

    public async Task<PlatformDto> UpdateAsync(Guid id, SavePlatformDto input, CancellationToken cancellationToken = default)
    {
        var platform = await db.Platforms.FirstOrDefaultAsync(x => x.Id == id, cancellationToken)
                       ?? throw new EntityNotFoundException("Platform", id);
        Validate(input).ThrowIfAny();
        var name = input.Name!.Trim();
        await EnsureUniqueNameAsync(name, id, cancellationToken);
        Apply(platform, input);
        await SaveAsync(platform, name, cancellationToken);
        return ToDto(platform);
    }

    private static FieldErrors Validate(SavePlatformDto input)
    {
        var errors = new FieldErrors();
        CheckText(errors, "name", input.Name, Platform.NameMaxLength, required: true);
        CheckText(errors, "provider", input.Provider, Platform.ProviderMaxLength, required: true);
        CheckText(errors, "description", input.Description, Platform.DescriptionMaxLength, required: false);
        if (input.Category is not { } category)
        {
            errors.Add("category", TrialsText.Get("Field.CategoryRequired"));
        }
        else if (!Enum.IsDefined(category))
        {
            errors.Add("category", TrialsText.Get("Field.CategoryUnknown"));
        }

        if (input.Programme is not { } programme)
        {
            errors.Add("programme", TrialsText.Get("Field.ProgrammeRequired"));
        }
        else if (!Enum.IsDefined(programme))
        {
            errors.Add("programme", TrialsText.Get("Field.ProgrammeUnknown"));
        }

        if (input.DefaultTrialDays is not { } days)
        {
            errors.Add("defaultTrialDays", TrialsText.Get("Field.DefaultTrialDaysRequired"));
        }
        else if (days is < 1 or > 365)
        {
            errors.Add("defaultTrialDays", TrialsText.Get("Field.DefaultTrialDaysRange"));
        }

        if (input.PriceAfterTrialVnd is not { } price)
        {
            errors.Add("priceAfterTrialVnd", TrialsText.Get("Field.PriceRequired"));
        }
        else if (price < 0 || price > MaxPriceVnd)
        {
            errors.Add("priceAfterTrialVnd", TrialsText.Get("Field.PriceRange"));
        }
        else if (decimal.Truncate(price) != price)
        {
            errors.Add("priceAfterTrialVnd", TrialsText.Get("Field.PriceWhole"));
        }

        return errors;
    }

    private static void CheckText(FieldErrors errors, string field, string? value, int max, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                errors.Add(field, TrialsText.Get($"Field.{char.ToUpperInvariant(field[0])}{field[1..]}Required"));
            }
        }
        else if (value.Trim().Length > max)
        {
            errors.Add(field, TrialsText.Get($"Field.{char.ToUpperInvariant(field[0])}{field[1..]}TooLong", max));
        }
    }

    private static void Apply(Platform platform, SavePlatformDto input)
    {
        platform.Name = VietnameseText.Normalize(input.Name!.Trim());
        platform.Provider = VietnameseText.Normalize(input.Provider!.Trim());
        platform.Description = string.IsNullOrWhiteSpace(input.Description) ? null : VietnameseText.Normalize(input.Description.Trim());
        platform.Category = input.Category!.Value;
        platform.Programme = input.Programme!.Value;
        platform.DefaultTrialDays = input.DefaultTrialDays!.Value;
        platform.PriceAfterTrialVnd = input.PriceAfterTrialVnd!.Value;
        platform.IsActive = input.IsActive ?? platform.IsActive;
    }

    private async Task EnsureUniqueNameAsync(string name, Guid? self, CancellationToken ct)
    {
        // Names compare case- and diacritic-insensitively ("misa amis ke toan" is "MISA AMIS Kế toán"): a short list, read whole.
        var folded = VietnameseText.Fold(name);
        var names = await db.Platforms.AsNoTracking().Where(p => self == null || p.Id != self).Select(p => p.Name).ToListAsync(ct);
        if (names.Any(n => VietnameseText.Fold(n) == folded))
        {
            throw DuplicateName(name);
        }
    }

    private async Task SaveAsync(Platform platform, string name, CancellationToken ct)
    {
        try
        {
            await db.Context.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex is not DbUpdateConcurrencyException)
        {
            db.Context.Entry(platform).State = EntityState.Detached;
            throw DuplicateName(name);
        }
    }

    private static ConflictException DuplicateName(string name) =>
        new(TrialsErrorCodes.DuplicatePlatformName, $"The catalogue already has a platform named '{name}'.") { MessageArgs = [name] };

    internal static PlatformDto ToDto(Platform p) => new()
    {
        Id = p.Id,
        Name = p.Name,
        Provider = p.Provider,
        Category = p.Category,
        Programme = p.Programme,
        Description = p.Description,
        DefaultTrialDays = p.DefaultTrialDays,
        PriceAfterTrialVnd = p.PriceAfterTrialVnd,
        IsActive = p.IsActive,
    };
}

/// <summary>Check-ins, bulk assignment, trials ending soon and figures.</summary>
internal sealed partial class TrialAppService
{
    /// <summary>Most tax codes one bulk assignment takes.</summary>
    public const int MaxBulkTaxCodes = 5000;

    /// <summary>Longest input a skipped entry echoes; a longer one is cut to this many characters and "…" (a tax code has at most 13 digits).</summary>
    public const int MaxEchoedInputLength = 40;

    /// <summary>The input as a skipped entry echoes it: as typed, or its first <see cref="MaxEchoedInputLength"/> characters and "…".</summary>
    internal static string Echo(string text) =>
        text.Length <= MaxEchoedInputLength ? text : string.Concat(text.AsSpan(0, char.IsHighSurrogate(text[MaxEchoedInputLength - 1]) ? MaxEchoedInputLength - 1 : MaxEchoedInputLength), "…");

    public async Task<TrialDetailsDto> GetDetailsAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var trial = await GetAsync(id, cancellationToken);
        return await DetailsAsync(db, trial, cancellationToken);
    }

    internal static async Task<TrialDetailsDto> DetailsAsync(TrialsDb db, TrialDto trial, CancellationToken ct)
    {
        var checkIns = await db.CheckIns.AsNoTracking().Where(c => c.TrialId == trial.Id).ToListAsync(ct);
        var feedback = await db.Feedback.AsNoTracking().Where(f => f.TrialId == trial.Id).ToListAsync(ct);
        return new TrialDetailsDto
        {
            Trial = trial,
            CheckIns = checkIns.OrderBy(c => c.Date).ThenBy(c => c.RecordedAt).Select(ToDto).ToList(),
            Feedback = feedback.OrderBy(f => f.SubmittedAt).Select(ToDto).ToList(),
        };
    }

    public async Task<TrialCheckInDto> AddCheckInAsync(Guid id, CreateTrialCheckInDto input, CancellationToken cancellationToken = default)
    {
        var trial = await db.Trials.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, cancellationToken)
                    ?? throw new EntityNotFoundException("Trial", id);
        await EnsureEnterpriseNotDeletedAsync(trial, cancellationToken);
        return await AddCheckInAsync(db, trial, input, TrialCheckInSource.Officer, clock, currentUser, cancellationToken);
    }

    /// <summary>Validates and stores a check-in; shared by the staff API and the portal.</summary>
    internal static async Task<TrialCheckInDto> AddCheckInAsync(TrialsDb db, Trial trial, CreateTrialCheckInDto input, TrialCheckInSource source,
        TimeProvider clock, ICurrentUser currentUser, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var today = VietnamTime.Today(clock);
        if (input.Date is not { } date)
        {
            errors.Add("date", TrialsText.Get("Field.CheckInDateRequired"));
        }
        else if (!TrialDates.InRange(date))
        {
            errors.Add("date", TrialsText.Get("Field.CheckInDateOutOfRange", TrialDates.Min, TrialDates.Max));
        }
        else if (date < trial.StartDate || date > trial.EndDate)
        {
            errors.Add("date", TrialsText.Get("Field.CheckInOutsideTrial", trial.StartDate, trial.EndDate));
        }
        else if (date > today)
        {
            errors.Add("date", TrialsText.Get("Field.CheckInInFuture"));
        }

        if (input.UsageLevel is not { } usage)
        {
            errors.Add("usageLevel", TrialsText.Get("Field.UsageLevelRequired"));
        }
        else if (!Enum.IsDefined(usage))
        {
            errors.Add("usageLevel", TrialsText.Get("Field.UsageLevelUnknown"));
        }

        if (input.Satisfaction is not { } satisfaction)
        {
            errors.Add("satisfaction", TrialsText.Get("Field.SatisfactionRequired"));
        }
        else if (satisfaction is < 1 or > 5)
        {
            errors.Add("satisfaction", TrialsText.Get("Field.SatisfactionRange"));
        }

        if (input.Notes is { } notes && notes.Trim().Length > TrialCheckIn.NotesMaxLength)
        {
            errors.Add("notes", TrialsText.Get("Field.NotesTooLong", TrialCheckIn.NotesMaxLength));
        }

        errors.ThrowIfAny();
        EnsureRunning(trial);

        var checkIn = new TrialCheckIn
        {
            TrialId = trial.Id,
            Date = input.Date!.Value,
            UsageLevel = input.UsageLevel!.Value,
            Satisfaction = input.Satisfaction!.Value,
            Notes = string.IsNullOrWhiteSpace(input.Notes) ? null : VietnameseText.Normalize(input.Notes.Trim()),
            Source = source,
            RecordedAt = clock.GetUtcNow(),
            RecordedBy = currentUser.Id,
        };
        db.CheckIns.Add(checkIn);
        await db.Context.SaveChangesAsync(ct);
        return ToDto(checkIn);
    }

    /// <summary>Validates and stores feedback (portal).</summary>
    internal static async Task<TrialFeedbackDto> AddFeedbackAsync(TrialsDb db, Trial trial, CreateTrialFeedbackDto input, TimeProvider clock,
        ICurrentUser currentUser, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (input.Rating is not { } rating)
        {
            errors.Add("rating", TrialsText.Get("Field.RatingRequired"));
        }
        else if (rating is < 1 or > 5)
        {
            errors.Add("rating", TrialsText.Get("Field.RatingRange"));
        }

        if (input.Comment is { } comment && comment.Trim().Length > TrialFeedback.CommentMaxLength)
        {
            errors.Add("comment", TrialsText.Get("Field.CommentTooLong", TrialFeedback.CommentMaxLength));
        }

        errors.ThrowIfAny();
        EnsureRunning(trial);
        var feedback = new TrialFeedback
        {
            TrialId = trial.Id,
            Rating = input.Rating!.Value,
            Comment = string.IsNullOrWhiteSpace(input.Comment) ? null : VietnameseText.Normalize(input.Comment.Trim()),
            WouldContinue = input.WouldContinue,
            SubmittedAt = clock.GetUtcNow(),
            SubmittedBy = currentUser.Id,
        };
        db.Feedback.Add(feedback);
        await db.Context.SaveChangesAsync(ct);
        return ToDto(feedback);
    }

    private static void EnsureRunning(Trial trial)
    {
        if (trial.Status is not (TrialStatus.Active or TrialStatus.Completed))
        {
            throw new ConflictException(TrialsErrorCodes.TrialNotRunning,
                $"The trial is {trial.Status}: check-ins and feedback are taken once it has started, and not after it was cancelled.")
            {
                MessageArgs = [TrialsText.Name(trial.Status)],
            };
        }
    }

    internal static TrialCheckInDto ToDto(TrialCheckIn c) =>
        new(c.Id, c.TrialId, c.Date, c.UsageLevel, c.Satisfaction, c.Notes, c.Source, c.RecordedAt, c.RecordedBy);

    internal static TrialFeedbackDto ToDto(TrialFeedback f) =>
        new(f.Id, f.TrialId, f.Rating, f.Comment, f.WouldContinue, f.SubmittedAt, f.SubmittedBy);

    public async Task<BulkAssignResultDto> BulkAssignAsync(BulkAssignTrialsDto input, CancellationToken cancellationToken = default)
    {
        var errors = new FieldErrors();
        Platform? platform = null;
        if (input.PlatformId is not { } platformId || platformId == Guid.Empty)
        {
            errors.Add("platformId", TrialsText.Get("Field.PlatformRequired"));
        }
        else
        {
            platform = await db.Platforms.AsNoTracking().FirstOrDefaultAsync(p => p.Id == platformId, cancellationToken);
            if (platform is null)
            {
                errors.Add("platformId", TrialsText.Get("Field.PlatformUnknown", platformId));
            }
            else if (!platform.IsActive)
            {
                errors.Add("platformId", TrialsText.Get("Field.PlatformWithdrawn", platform.Name));
            }
        }

        var cohort = string.IsNullOrWhiteSpace(input.Cohort) ? null : input.Cohort.Trim();
        if (input.TaxCodes is null == (input.Selection is null && cohort is null))
        {
            errors.Add("taxCodes", TrialsText.Get("Field.BulkSourceOne"));
        }

        if (cohort is { Length: > 100 })
        {
            errors.Add("cohort", TrialsText.Get("Field.CohortTooLong"));
        }
        else if (input.TaxCodes is { } codes && (codes.Count == 0 || codes.Count > MaxBulkTaxCodes))
        {
            errors.Add("taxCodes", TrialsText.Get("Field.TaxCodesCount", MaxBulkTaxCodes));
        }

        if (cohort is null && input.TaxCodes is null && input.Selection is { } blank && IsEmpty(blank))
        {
            // An empty filter would select every enterprise of the registry: never what an officer means.
            errors.Add("selection", TrialsText.Get("Field.SelectionBlank"));
        }

        if (input.Selection is { } selection)
        {
            if (selection.LegalForm is { } lf && !Enum.IsDefined(lf))
            {
                errors.Add("selection.legalForm", TrialsText.Get("Field.LegalFormUnknown"));
            }

            if (selection.Size is { } size && !Enum.IsDefined(size))
            {
                errors.Add("selection.size", TrialsText.Get("Field.SizeUnknown"));
            }

            if (selection.ProgrammeStatus is { } ps && !Enum.IsDefined(ps))
            {
                errors.Add("selection.programmeStatus", TrialsText.Get("Field.ProgrammeStatusUnknown"));
            }

            if (!string.IsNullOrWhiteSpace(selection.Section) && (selection.Section.Trim().Length != 1 || VsicSections.FindByCode(selection.Section.Trim()[0]) is null))
            {
                errors.Add("selection.section", TrialsText.Get("Field.SectionUnknown"));
            }
        }

        TrialDates.Check(input.StartDate, input.EndDate, platform?.DefaultTrialDays, errors);

        await CheckOfficerAsync(input.AssignedOfficerId, errors, cancellationToken);

        List<EnterpriseDto>? cohortMembers = null;
        if (cohort is not null && !errors.Has("cohort") && !errors.Has("taxCodes") && !errors.Has("selection.legalForm")
            && !errors.Has("selection.size") && !errors.Has("selection.programmeStatus") && !errors.Has("selection.section"))
        {
            cohortMembers = await CohortMembersAsync(cohort, input.Selection, cancellationToken);
            if (cohortMembers.Count == 0)
            {
                errors.Add("cohort", input.Selection is null
                    ? TrialsText.Get("Field.CohortEmpty", cohort)
                    : TrialsText.Get("Field.CohortSelectionEmpty", cohort));
            }
        }

        errors.ThrowIfAny();
        var target = platform!;

        var skipped = new List<BulkAssignSkippedDto>();
        var candidates = new List<(string Input, EnterpriseSummaryDto Enterprise)>();
        if (input.TaxCodes is { } taxCodes)
        {
            var parsed = new List<(string Input, TaxCode Code)>();
            foreach (var raw in taxCodes)
            {
                var text = raw ?? "";
                if (!TaxCode.TryParse(text, out var code, out TaxCodeError error))
                {
                    // Worded as the registry words a bad tax code, in the reader's language.
                    skipped.Add(new(Echo(text), null, null, BulkAssignSkipReason.MalformedTaxCode, TaxCodeMessages.For(error, TrialsText.Culture)));
                }
                else
                {
                    parsed.Add((text, code));
                }
            }

            var known = await enterprises.FindByTaxCodesAsync(parsed.Select(p => p.Code.Value).ToList(), cancellationToken);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (text, code) in parsed)
            {
                if (!seen.Add(code.Value))
                {
                    skipped.Add(new(Echo(text), code.Value, known.TryGetValue(code.Value, out var d) ? d.Id : null, BulkAssignSkipReason.DuplicateInRequest,
                        TrialsText.Get("Skip.DuplicateInRequest", code.Value)));
                }
                else if (!known.TryGetValue(code.Value, out var enterprise))
                {
                    skipped.Add(new(Echo(text), code.Value, null, BulkAssignSkipReason.UnknownTaxCode, TrialsText.Get("Skip.UnknownTaxCode", code.Value)));
                }
                else
                {
                    candidates.Add((text, enterprise));
                }
            }
        }
        else if (cohortMembers is not null)
        {
            candidates.AddRange(cohortMembers.Select(e => (e.TaxCode,
                new EnterpriseSummaryDto(e.Id, e.TaxCode, e.Name, e.WardCode, e.Size, e.LegalForm, e.ProgrammeStatus))));
        }
        else
        {
            var profiles = await enterprises.ListProfilesAsync(input.Selection, cancellationToken);
            candidates.AddRange(profiles.Select(p => (p.TaxCode,
                new EnterpriseSummaryDto(p.Id, p.TaxCode, p.Name, p.WardCode, p.Size, p.LegalForm, p.ProgrammeStatus))));
        }

        var ids = candidates.Select(c => c.Enterprise.Id).ToList();
        var existing = new Dictionary<Guid, List<(TrialStatus Status, TrialOutcome? Outcome)>>();
        foreach (var chunk in ids.Chunk(5000))
        {
            var list = chunk.ToList();
            var rows = await db.Trials.AsNoTracking()
                .Where(t => t.PlatformId == target.Id && list.Contains(t.EnterpriseId) && t.Status != TrialStatus.Cancelled)
                .Select(t => new { t.EnterpriseId, t.Status, t.Outcome }).ToListAsync(cancellationToken);
            foreach (var r in rows)
            {
                if (!existing.TryGetValue(r.EnterpriseId, out var l))
                {
                    existing[r.EnterpriseId] = l = [];
                }

                l.Add((r.Status, r.Outcome));
            }
        }

        var start = input.StartDate!.Value;
        var endDate = input.EndDate ?? start.AddDays(target.DefaultTrialDays - 1);
        var planned = new List<(EnterpriseSummaryDto Enterprise, Trial Trial)>();
        foreach (var (text, enterprise) in candidates)
        {
            if (existing.TryGetValue(enterprise.Id, out var trials))
            {
                if (trials.Any(t => Trial.IsOpenStatus(t.Status)))
                {
                    skipped.Add(new(Echo(text), enterprise.TaxCode, enterprise.Id, BulkAssignSkipReason.OpenTrialExists,
                        TrialsText.Get("Skip.OpenTrialExists", enterprise.Name, target.Name)));
                }
                else
                {
                    var outcome = trials.First(t => t.Status == TrialStatus.Completed).Outcome;
                    skipped.Add(new(Echo(text), enterprise.TaxCode, enterprise.Id, BulkAssignSkipReason.AlreadyTried,
                        TrialsText.Get("Skip.AlreadyTried", enterprise.Name, target.Name, outcome)));
                }

                continue;
            }

            planned.Add((enterprise, Trial.Plan(enterprise.Id, target.Id, input.AssignedOfficerId, start, endDate)));
        }

        if (!input.DryRun && planned.Count > 0)
        {
            db.Trials.AddRange(planned.Select(p => p.Trial));
            try
            {
                await db.Context.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException ex) when (ex is not DbUpdateConcurrencyException && IsOpenTrialIndexViolation(ex))
            {
                foreach (var (_, trial) in planned)
                {
                    db.Context.Entry(trial).State = EntityState.Detached;
                }

                throw DuplicateActiveTrial(target.Name);
            }
        }

        return new BulkAssignResultDto
        {
            PlatformId = target.Id,
            DryRun = input.DryRun,
            Created = planned.Select(p => new BulkAssignCreatedDto(p.Enterprise.Id, p.Enterprise.TaxCode, p.Enterprise.Name,
                input.DryRun ? null : p.Trial.Id)).ToList(),
            Skipped = skipped,
        };
    }

    /// <summary>
    /// Members of a cohort (optionally narrowed by a selection), read page by page through the Enterprises module's
    /// <see cref="IEnterpriseAppService"/> (cohort membership is that module's data).
    /// </summary>
    /// <summary>True when <paramref name="selection"/> narrows nothing (no ward, legal form, size, section or programme status).</summary>
    private static bool IsEmpty(EnterpriseSelectionDto selection) =>
        selection.WardCode is null && selection.LegalForm is null && selection.Size is null
        && string.IsNullOrWhiteSpace(selection.Section) && selection.ProgrammeStatus is null;

    private async Task<List<EnterpriseDto>> CohortMembersAsync(string cohort, EnterpriseSelectionDto? selection, CancellationToken cancellationToken)
    {
        var members = new List<EnterpriseDto>();
        for (var page = 1; ; page++)
        {
            var result = await enterpriseRegistry.GetListAsync(new EnterpriseListFilterDto
            {
                Cohort = cohort,
                WardCode = selection?.WardCode,
                LegalForm = selection?.LegalForm,
                Size = selection?.Size,
                Section = string.IsNullOrWhiteSpace(selection?.Section) ? null : selection.Section.Trim().ToUpperInvariant(),
                ProgrammeStatus = selection?.ProgrammeStatus,
                Page = page,
                PageSize = PagedRequestDto.MaxPageSize,
            }, cancellationToken);
            members.AddRange(result.Items);
            if (result.Items.Count < PagedRequestDto.MaxPageSize || members.Count >= result.TotalCount)
            {
                break;
            }
        }

        // Registry order (tax code), like a selection.
        return members.DistinctBy(e => e.Id).OrderBy(e => e.TaxCode, StringComparer.Ordinal).ToList();
    }

    public async Task<IReadOnlyList<TrialDto>> GetEndingAsync(int days, CancellationToken cancellationToken = default)
    {
        if (days is < 0 or > 365)
        {
            new FieldErrors().Add("days", TrialsText.Get("Field.DaysRange")).ThrowIfAny();
        }

        var today = VietnamTime.Today(clock);
        var last = today.AddDays(days);
        var query = db.Trials.AsNoTracking()
            .Where(t => (t.Status == TrialStatus.Planned || t.Status == TrialStatus.Active) && t.EndDate >= today && t.EndDate <= last);
        var deleted = await DeletedEnterpriseIdsAsync(cancellationToken);
        if (deleted.Count > 0)
        {
            // Deleted enterprises' trials are hidden, as in the list.
            query = query.Where(t => !deleted.Contains(t.EnterpriseId));
        }

        var rows = await Project(query.OrderBy(t => t.EndDate).ThenBy(t => t.Id))
            .ToListAsync(cancellationToken);
        return await WithEnterpriseNamesAsync(rows, cancellationToken);
    }

    public async Task<TrialFiguresDto> GetFiguresAsync(CancellationToken cancellationToken = default)
    {
        var rows = await (from t in db.Trials.AsNoTracking()
                          join p in db.Platforms.AsNoTracking() on t.PlatformId equals p.Id
                          select new { t.EnterpriseId, t.PlatformId, p.Name, p.Category, t.Status, t.Outcome, t.StartDate, t.StartedAt, t.CompletedAt })
            .ToListAsync(cancellationToken);
        var known = await enterprises.GetManyAsync(rows.Select(r => r.EnterpriseId).Distinct().ToList(), cancellationToken);
        var counted = rows.Where(r => known.ContainsKey(r.EnterpriseId))
            .Select(r => new FigureInput(r.PlatformId, r.Name, r.Category, r.Status, r.Outcome, r.StartDate, r.StartedAt, r.CompletedAt)).ToList();
        return new TrialFiguresDto
        {
            ByPlatform = counted.GroupBy(r => r.PlatformId)
                .Select(g => Figures(g.ToList()) with { PlatformId = g.Key, PlatformName = g.First().Name, Category = g.First().Category })
                .OrderBy(r => r.Category).ThenBy(r => r.PlatformName, StringComparer.Ordinal).ToList(),
            ByCategory = counted.GroupBy(r => r.Category)
                .Select(g => Figures(g.ToList()) with { Category = g.Key })
                .OrderBy(r => r.Category).ToList(),
        };
    }

    /// <summary>One trial as the figures see it.</summary>
    internal sealed record FigureInput(Guid PlatformId, string Name, PlatformCategory Category, TrialStatus Status, TrialOutcome? Outcome,
        DateOnly StartDate, DateTimeOffset? StartedAt, DateTimeOffset? CompletedAt);

    /// <summary>Started, active, completed, adopted share and median days to adoption over the given trials.</summary>
    internal static TrialFiguresRowDto Figures(IReadOnlyList<FigureInput> trials)
    {
        var completed = trials.Count(t => t.Status == TrialStatus.Completed);
        var adopted = trials.Where(t => t.Status == TrialStatus.Completed && t.Outcome == TrialOutcome.Adopted).ToList();
        // Days from the trial's start date (the date the trial ran from, not the moment an officer pressed "start",
        // which may be recorded late) to the Vietnam date of adoption; never negative.
        var days = adopted.Where(t => t.CompletedAt is not null)
            .Select(t => Math.Max(0, DateOnly.FromDateTime(VietnamTime.ToLocal(t.CompletedAt!.Value).DateTime).DayNumber - t.StartDate.DayNumber))
            .OrderBy(d => d).ToList();
        return new TrialFiguresRowDto
        {
            Started = trials.Count(t => t.StartedAt is not null),
            Active = trials.Count(t => t.Status == TrialStatus.Active),
            Completed = completed,
            Adopted = adopted.Count,
            AdoptedShare = completed == 0 ? null : (double)adopted.Count / completed,
            MedianDaysToAdoption = Median(days),
        };
    }

    /// <summary>The median of sorted values (mean of the two middle ones for an even count); null when empty.</summary>
    internal static double? Median(IReadOnlyList<int> sorted) => sorted.Count == 0 ? null
        : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2]
        : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2.0;
}

/// <summary>The portal: an EnterpriseUser's own trials. Another enterprise's trial is "not found" (404), never 403.</summary>
internal sealed class TrialPortalAppService(TrialsDb db, TrialAppService trials, IEnterpriseLookup enterprises, TimeProvider clock,
    ICurrentUser currentUser) : ITrialPortalAppService
{
    public async Task<IReadOnlyList<TrialDto>> GetListAsync(CancellationToken cancellationToken = default)
    {
        if (currentUser.EnterpriseId is not { } own || !await IsLiveAsync(own, cancellationToken))
        {
            return [];
        }

        var rows = await trials.Project(db.Trials.AsNoTracking().Where(t => t.EnterpriseId == own)
            .OrderByDescending(t => t.StartDate).ThenBy(t => t.Id)).ToListAsync(cancellationToken);
        return await trials.WithEnterpriseNamesAsync(rows, cancellationToken);
    }

    public async Task<TrialDetailsDto> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await OwnTrialAsync(id, cancellationToken);
        return await TrialAppService.DetailsAsync(db, await trials.ReadAsync(id, cancellationToken), cancellationToken);
    }

    public async Task<TrialCheckInDto> AddCheckInAsync(Guid id, CreateTrialCheckInDto input, CancellationToken cancellationToken = default) =>
        await TrialAppService.AddCheckInAsync(db, await OwnTrialAsync(id, cancellationToken), input, TrialCheckInSource.Enterprise, clock, currentUser,
            cancellationToken);

    public async Task<TrialFeedbackDto> AddFeedbackAsync(Guid id, CreateTrialFeedbackDto input, CancellationToken cancellationToken = default) =>
        await TrialAppService.AddFeedbackAsync(db, await OwnTrialAsync(id, cancellationToken), input, clock, currentUser, cancellationToken);

    private async Task<Trial> OwnTrialAsync(Guid id, CancellationToken ct)
    {
        var own = currentUser.EnterpriseId;

        // A deleted enterprise's users see none of its trials (404, as for a trial not theirs).
        return (own is { } o && await IsLiveAsync(o, ct)
                   ? await db.Trials.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id && t.EnterpriseId == o, ct)
                   : null)
               ?? throw new EntityNotFoundException("Trial", id);
    }

    private async Task<bool> IsLiveAsync(Guid enterpriseId, CancellationToken ct) =>
        (await enterprises.GetManyAsync([enterpriseId], ct)).Count > 0;
}

/// <summary>The nightly overdue flagging (see <see cref="IOverdueTrialsJob"/>).</summary>
internal sealed class OverdueTrialsJob(TrialsDb db, TrialAppService trials, TimeProvider clock, ILogger<OverdueTrialsJob> logger) : IOverdueTrialsJob
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var today = VietnamTime.Today(clock);
        var now = clock.GetUtcNow();
        var query = db.Trials
            .Where(t => (t.Status == TrialStatus.Planned || t.Status == TrialStatus.Active) && t.EndDate < today && t.OverdueFlaggedAt == null);
        var deleted = await trials.DeletedEnterpriseIdsAsync(cancellationToken);
        if (deleted.Count > 0)
        {
            // A deleted enterprise's trials are not flagged: nobody follows them up any more.
            query = query.Where(t => !deleted.Contains(t.EnterpriseId));
        }

        var due = await query.ToListAsync(cancellationToken);
        var flagged = due.Count(t => t.FlagOverdue(today, now));
        await db.Context.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Flagged {Count} overdue trial(s) on {Today}", flagged, today);
        return flagged;
    }
}
