using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SmeSupport.Enterprises.Contracts;
using SmeSupport.Errors;
using SmeSupport.Outreach.Contracts;
using SmeSupport.Outreach.Domain;
using SmeSupport.Outreach.Persistence;
using SmeSupport.Security;
using SmeSupport.Trials.Contracts;

namespace SmeSupport.Outreach.Application;

/// <summary>Saved segments and their live preview.</summary>
internal sealed class SegmentAppService(
    OutreachDb db,
    SegmentEvaluator evaluator,
    ICurrentUser currentUser,
    IAdministrativeUnitAppService units,
    IEnterpriseCohortLookup cohorts,
    IPlatformAppService platforms) : ISegmentAppService
{
    /// <summary>Contacts shown in a preview.</summary>
    public const int SampleSize = 20;

    public async Task<IReadOnlyList<SegmentDto>> GetListAsync(CancellationToken cancellationToken = default) =>
        (await db.Segments.AsNoTracking().OrderBy(s => s.Name).ToListAsync(cancellationToken)).Select(ToDto).ToList();

    public async Task<SegmentPreviewDto> PreviewAsync(SegmentRulesDto rules, CancellationToken cancellationToken = default)
    {
        RequirePermission(OutreachPermissions.Default);
        var errors = SegmentEvaluator.Check(rules ?? new SegmentRulesDto());
        await CheckReferencesAsync(rules ?? new SegmentRulesDto(), errors, cancellationToken);
        errors.ThrowIfAny();
        var count = 0;
        var enterprises = new HashSet<Guid>();
        var sample = new List<SegmentContactDto>(SampleSize);
        await foreach (var c in evaluator.StreamAsync(rules ?? new SegmentRulesDto(), cancellationToken))
        {
            count++;
            enterprises.Add(c.EnterpriseId);
            if (sample.Count < SampleSize)
            {
                sample.Add(new SegmentContactDto(c.ContactId, c.EnterpriseId, c.EnterpriseName, c.FullName, c.Email));
            }
        }

        return new SegmentPreviewDto(count, enterprises.Count, sample);
    }

    public async Task<SegmentDto> CreateAsync(CreateSegmentDto input, CancellationToken cancellationToken = default)
    {
        RequirePermission(OutreachPermissions.Manage);
        var errors = new FieldErrors();
        var name = OutreachNames.Clean(input.Name);
        OutreachNames.Check(errors, "name", input.Name, Segment.NameMaxLength);

        if (input.Rules is null)
        {
            errors.Add("rules", OutreachText.Get("Segment.RulesRequired"));
        }

        errors.ThrowIfAny();
        // Validates the rules (400 field by field). A segment that matches nobody today is kept: rules such as
        // "trial ends within 7 days" are evaluated at send time, and a run with no recipient sends nothing.
        await PreviewAsync(input.Rules!, cancellationToken);

        if (await OutreachNames.TakenAsync(db.Segments.Select(s => s.Name), name, cancellationToken))
        {
            throw new ConflictException(OutreachErrorCodes.DuplicateSegmentName, $"A segment named '{name}' exists already.");
        }

        var segment = new Segment { Name = name, RulesJson = JsonSerializer.Serialize(input.Rules, SegmentEvaluator.Json) };
        db.Segments.Add(segment);
        await db.Context.SaveChangesAsync(cancellationToken);
        return ToDto(segment);
    }

    /// <summary>
    /// Rules naming things that do not exist select nobody silently; they are refused instead, field by field: ward or
    /// commune codes not in the administrative units (post-reform, any province), cohorts no enterprise belongs to
    /// (compared case-insensitively), and a platform not in the catalogue.
    /// </summary>
    private async Task CheckReferencesAsync(SegmentRulesDto rules, FieldErrors errors, CancellationToken cancellationToken)
    {
        if (rules.WardCodes is { Count: > 0 } codes && !errors.Has("rules.wardCodes"))
        {
            var missing = codes.ToHashSet();
            foreach (var province in await units.GetProvincesAsync(cancellationToken))
            {
                foreach (var ward in await units.GetWardsAsync(province.Code, cancellationToken))
                {
                    missing.Remove(ward.Code);
                }

                if (missing.Count == 0)
                {
                    break;
                }
            }

            if (missing.Count > 0)
            {
                errors.Add("rules.wardCodes", OutreachText.Get("Segment.UnknownWard", SegmentEvaluator.ListSome(missing.Order())));
            }
        }

        if (rules.Cohorts is { Count: > 0 } names && !errors.Has("rules.cohorts"))
        {
            var known = (await cohorts.ListMembershipsAsync(cancellationToken)).Select(m => m.Cohort.Trim())
                .ToHashSet(StringComparer.OrdinalIgnoreCase);
            var unknown = names.Where(n => !known.Contains(n.Trim())).ToList();
            if (unknown.Count > 0)
            {
                errors.Add("rules.cohorts", OutreachText.Get("Segment.UnknownCohort", SegmentEvaluator.ListSome(unknown)));
            }
        }

        if (rules.TrialPlatformId is { } platformId)
        {
            try
            {
                await platforms.GetAsync(platformId, cancellationToken);
            }
            catch (EntityNotFoundException)
            {
                errors.Add("rules.trialPlatformId", OutreachText.Get("Segment.NoPlatform"));
            }
        }
    }

    internal static SegmentRulesDto RulesOf(Segment segment) =>
        JsonSerializer.Deserialize<SegmentRulesDto>(segment.RulesJson, SegmentEvaluator.Json) ?? new SegmentRulesDto();

    private static SegmentDto ToDto(Segment s) => new(s.Id, s.Name, RulesOf(s), s.CreatedAt);

    private void RequirePermission(string permission)
    {
        if (!currentUser.HasPermission(permission))
        {
            throw new ForbiddenException();
        }
    }
}
