using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SmeSupport.Errors;
using SmeSupport.Outreach.Contracts;
using SmeSupport.Outreach.Domain;
using SmeSupport.Outreach.Persistence;
using SmeSupport.Security;

namespace SmeSupport.Outreach.Application;

/// <summary>Saved segments and their live preview.</summary>
internal sealed class SegmentAppService(OutreachDb db, SegmentEvaluator evaluator, ICurrentUser currentUser) : ISegmentAppService
{
    /// <summary>Contacts shown in a preview.</summary>
    public const int SampleSize = 20;

    public async Task<IReadOnlyList<SegmentDto>> GetListAsync(CancellationToken cancellationToken = default) =>
        (await db.Segments.AsNoTracking().OrderBy(s => s.Name).ToListAsync(cancellationToken)).Select(ToDto).ToList();

    public async Task<SegmentPreviewDto> PreviewAsync(SegmentRulesDto rules, CancellationToken cancellationToken = default)
    {
        RequirePermission(OutreachPermissions.Default);
        SegmentEvaluator.Validate(rules ?? new SegmentRulesDto());
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
        var name = input.Name?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            errors.Add("name", "Required.");
        }
        else if (name.Length > Segment.NameMaxLength)
        {
            errors.Add("name", $"At most {Segment.NameMaxLength} characters.");
        }

        if (input.Rules is null)
        {
            errors.Add("rules", "Required (an empty object selects every contact).");
        }

        errors.ThrowIfAny();
        // Validates the rules (400 field by field). A segment that matches nobody today is kept: rules such as
        // "trial ends within 7 days" are evaluated at send time, and a run with no recipient sends nothing.
        await PreviewAsync(input.Rules!, cancellationToken);

        if (await db.Segments.AnyAsync(s => s.Name == name, cancellationToken))
        {
            throw new ConflictException(OutreachErrorCodes.DuplicateSegmentName, $"A segment named '{name}' exists already.");
        }

        var segment = new Segment { Name = name!, RulesJson = JsonSerializer.Serialize(input.Rules, SegmentEvaluator.Json) };
        db.Segments.Add(segment);
        await db.Context.SaveChangesAsync(cancellationToken);
        return ToDto(segment);
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
