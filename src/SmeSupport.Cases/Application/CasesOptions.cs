using SmeSupport.Cases.Contracts;
using SmeSupport.Cases.Domain;

namespace SmeSupport.Cases.Application;

/// <summary>
/// Settings of the Cases module (section <c>Cases</c>): <c>Cases:AttachmentsPath</c>, <c>Cases:MaxAttachmentBytes</c>,
/// <c>Cases:AllowedAttachmentTypes</c>, <c>Cases:ReopenWindowDays</c>, <c>Cases:WarningMinutes</c>,
/// <c>Cases:ServiceLevelCron</c> and <c>Cases:ServiceLevels:{Low|Normal|High|Urgent}:{FirstResponseMinutes|ResolutionMinutes}</c>.
/// </summary>
internal sealed class CasesOptions
{
    public const string SectionName = "Cases";

    /// <summary>Folder for attachment files (relative paths resolve against the content root).</summary>
    public string AttachmentsPath { get; set; } = "App_Data/case-attachments";

    /// <summary>Largest attachment, bytes (default 10 MB).</summary>
    public long MaxAttachmentBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Allowed file extensions (lower case, with the dot).</summary>
    public List<string> AllowedAttachmentTypes { get; set; } = [];

    /// <summary>Days after a resolution within which the case may be reopened (default 7).</summary>
    public int ReopenWindowDays { get; set; } = 7;

    /// <summary>Working minutes before a breach at which the assignee is warned (default 60).</summary>
    public int WarningMinutes { get; set; } = 60;

    /// <summary>Cron of the service-level monitor (Asia/Ho_Chi_Minh; default every 5 minutes).</summary>
    public string ServiceLevelCron { get; set; } = "*/5 * * * *";

    /// <summary>Targets per priority, working minutes.</summary>
    public Dictionary<CasePriority, PriorityTargets> ServiceLevels { get; set; } = [];

    /// <summary>Defaults in working minutes (a working day is 450): Urgent 60/240, High 120/450, Normal 240/1350, Low 450/2250.</summary>
    public static readonly IReadOnlyDictionary<CasePriority, PriorityTargets> DefaultTargets = new Dictionary<CasePriority, PriorityTargets>
    {
        [CasePriority.Urgent] = new() { FirstResponseMinutes = 60, ResolutionMinutes = 240 },
        [CasePriority.High] = new() { FirstResponseMinutes = 120, ResolutionMinutes = 450 },
        [CasePriority.Normal] = new() { FirstResponseMinutes = 240, ResolutionMinutes = 1350 },
        [CasePriority.Low] = new() { FirstResponseMinutes = 450, ResolutionMinutes = 2250 },
    };

    /// <summary>Default allowed extensions.</summary>
    public static readonly IReadOnlyList<string> DefaultAllowedTypes = [".pdf", ".png", ".jpg", ".jpeg", ".docx", ".xlsx", ".txt", ".csv"];

    /// <summary>The allowed extensions in force.</summary>
    public IReadOnlyList<string> AllowedTypes => AllowedAttachmentTypes.Count > 0
        ? AllowedAttachmentTypes.Select(t => t.Trim().ToLowerInvariant()).Select(t => t.StartsWith('.') ? t : "." + t).ToList()
        : DefaultAllowedTypes;

    /// <summary>The targets of a priority (configured, else default).</summary>
    public ServiceLevelTarget TargetFor(CasePriority priority)
    {
        var d = DefaultTargets[priority];
        var c = ServiceLevels.GetValueOrDefault(priority);
        return new ServiceLevelTarget(TimeSpan.FromMinutes(c?.FirstResponseMinutes ?? d.FirstResponseMinutes!.Value),
            TimeSpan.FromMinutes(c?.ResolutionMinutes ?? d.ResolutionMinutes!.Value));
    }
}

/// <summary>Targets of one priority, working minutes.</summary>
internal sealed class PriorityTargets
{
    public int? FirstResponseMinutes { get; set; }

    public int? ResolutionMinutes { get; set; }
}
