using SmeSupport.Cases.Contracts;
using SmeSupport.Domain;

namespace SmeSupport.Cases.Domain;

/// <summary>
/// A door-to-door visit by a commune's community digital-technology team: when, where (ward code after 1 July 2025),
/// who went, whom they saw (enterprises of the register, households), what they talked about. Lists of free text are
/// kept one item per line; topics as their names separated by commas.
/// </summary>
internal sealed class CommunityVisit : FullAuditedEntity
{
    public const int NameMaxLength = 200;
    public const int OtherTopicMaxLength = 500;
    public const int NotesMaxLength = 4000;
    public const int MaxItems = 200;

    public DateOnly VisitDate { get; set; }

    public int WardCode { get; set; }

    /// <summary>Free-text team member names, one per line, or null.</summary>
    public string? MemberNames { get; set; }

    public int? HouseholdCount { get; set; }

    /// <summary>Household names, one per line, or null.</summary>
    public string? HouseholdNames { get; set; }

    /// <summary><see cref="VisitTopic"/> names separated by commas, or null.</summary>
    public string? Topics { get; set; }

    public string? OtherTopic { get; set; }

    public string? Notes { get; set; }

    public List<CommunityVisitMember> Members { get; set; } = [];

    public List<CommunityVisitEnterprise> Enterprises { get; set; } = [];

    public static string? JoinLines(IEnumerable<string> items)
    {
        var list = items.ToList();
        return list.Count == 0 ? null : string.Join('\n', list);
    }

    public static IReadOnlyList<string> SplitLines(string? text) =>
        string.IsNullOrEmpty(text) ? [] : text.Split('\n');

    public IReadOnlyList<VisitTopic> TopicList() =>
        string.IsNullOrEmpty(Topics) ? [] : Topics.Split(',').Select(t => Enum.Parse<VisitTopic>(t)).ToList();
}

/// <summary>A user (officer) who was on a visit's team.</summary>
internal sealed class CommunityVisitMember
{
    public Guid CommunityVisitId { get; set; }

    public Guid UserId { get; set; }
}

/// <summary>An enterprise of the register seen on a visit (no foreign key across modules).</summary>
internal sealed class CommunityVisitEnterprise
{
    public Guid CommunityVisitId { get; set; }

    public Guid EnterpriseId { get; set; }
}
