namespace SmeSupport.Domain;

/// <summary>
/// One saved change to an audited entity: who, when, which entity, and the old and new values of
/// each changed property as JSON (<c>{"Name":{"old":"A","new":"B"}}</c>). Written by the audit
/// interceptor in the same transaction as the change itself, so there is never a change without
/// its trail (ABP's entity-history).
/// </summary>
public sealed class AuditLogEntry
{
    /// <summary>Identifier.</summary>
    public Guid Id { get; set; } = IdGenerator.NewId();

    /// <summary>CLR name of the entity type, e.g. <c>Enterprise</c>.</summary>
    public string EntityType { get; set; } = "";

    /// <summary>The entity's identifier as text.</summary>
    public string EntityId { get; set; } = "";

    /// <summary><c>Created</c>, <c>Updated</c>, <c>Deleted</c> (soft) or <c>Restored</c>.</summary>
    public string Action { get; set; } = "";

    /// <summary>Changed properties with old and new values, as JSON.</summary>
    public string Changes { get; set; } = "{}";

    /// <summary>The acting user, or null for the system.</summary>
    public Guid? UserId { get; set; }

    /// <summary>The acting user's e-mail or name at the time, for display.</summary>
    public string? UserName { get; set; }

    /// <summary>When (UTC).</summary>
    public DateTimeOffset At { get; set; }
}
