using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SmeSupport.Application;
using SmeSupport.Identity.Contracts;

namespace SmeSupport.Web.UI.Pages.Admin;

/// <summary>
/// The audit trail at <c>/Admin/AuditLog?entityType=…&amp;entityId=…&amp;p=…</c> (Admin, <see cref="IdentityPermissions.AuditLog"/>):
/// who changed what and when, with the old and new value of every field, newest first, from <see cref="IAuditLogAppService"/>.
/// </summary>
[Authorize(Policy = IdentityPermissions.AuditLog)]
public sealed class AuditLogModel(IAuditLogAppService auditLog) : PageModel
{
    /// <summary>Entries per page.</summary>
    public const int PageSize = 50;

    /// <summary>Entity type filter, e.g. <c>Enterprise</c>.</summary>
    [BindProperty(SupportsGet = true, Name = "entityType")]
    public string? EntityType { get; set; }

    /// <summary>Entity id filter.</summary>
    [BindProperty(SupportsGet = true, Name = "entityId")]
    public string? EntityId { get; set; }

    /// <summary>1-based page number (query <c>p</c>).</summary>
    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    /// <summary>The page of entries.</summary>
    public PagedResultDto<AuditLogEntryDto> Result { get; private set; } = new([], 0);

    /// <summary>Number of pages (at least 1).</summary>
    public int PageCount => Math.Max(1, (Result.TotalCount + PageSize - 1) / PageSize);

    /// <summary>Loads the page.</summary>
    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        EntityType = string.IsNullOrWhiteSpace(EntityType) ? null : EntityType.Trim()[..Math.Min(EntityType.Trim().Length, 100)];
        EntityId = string.IsNullOrWhiteSpace(EntityId) ? null : EntityId.Trim()[..Math.Min(EntityId.Trim().Length, 100)];
        PageNumber = Math.Max(1, PageNumber);
        Result = await auditLog.GetListAsync(EntityType, EntityId, PageNumber, PageSize, cancellationToken);
    }

    /// <summary>The changed fields of an entry: name, old value, new value (text; null when empty).</summary>
    public static IReadOnlyList<(string Field, string? Old, string? New)> Changes(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                return [];
            }

            return doc.RootElement.EnumerateObject()
                .Where(p => p.Value.ValueKind == JsonValueKind.Object)
                .Select(p => (p.Name,
                    p.Value.TryGetProperty("old", out var o) ? Text(o) : null,
                    p.Value.TryGetProperty("new", out var n) ? Text(n) : null))
                .ToList();
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.String => value.GetString(),
        _ => value.GetRawText(),
    };
}
