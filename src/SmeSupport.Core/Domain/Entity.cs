namespace SmeSupport.Domain;

/// <summary>An entity identified by a GUID (time-ordered, version 7; see <see cref="IdGenerator"/>).</summary>
public abstract class Entity
{
    /// <summary>The identifier, assigned on creation.</summary>
    public Guid Id { get; set; } = IdGenerator.NewId();
}

/// <summary>
/// An entity whose creation and last change are recorded (ABP's <c>FullAuditedEntity</c>). The audit
/// interceptor fills these properties on save; code never sets them.
/// </summary>
public abstract class AuditedEntity : Entity, IAuditedEntity
{
    /// <inheritdoc />
    public DateTimeOffset CreatedAt { get; set; }

    /// <inheritdoc />
    public Guid? CreatedBy { get; set; }

    /// <inheritdoc />
    public DateTimeOffset? ModifiedAt { get; set; }

    /// <inheritdoc />
    public Guid? ModifiedBy { get; set; }

    /// <summary>Optimistic concurrency token, changed on every save.</summary>
    public string ConcurrencyStamp { get; set; } = Guid.NewGuid().ToString("N");
}

/// <summary>An audited entity that is never removed, only marked deleted (ABP's <c>ISoftDelete</c>).</summary>
public abstract class FullAuditedEntity : AuditedEntity, ISoftDelete
{
    /// <inheritdoc />
    public bool IsDeleted { get; set; }

    /// <inheritdoc />
    public DateTimeOffset? DeletedAt { get; set; }

    /// <inheritdoc />
    public Guid? DeletedBy { get; set; }
}

/// <summary>Creation and modification audit fields; times are UTC.</summary>
public interface IAuditedEntity
{
    /// <summary>When the row was first saved (UTC).</summary>
    DateTimeOffset CreatedAt { get; set; }

    /// <summary>The user who created it, if any (null for seeds and anonymous requests).</summary>
    Guid? CreatedBy { get; set; }

    /// <summary>When the row was last changed (UTC).</summary>
    DateTimeOffset? ModifiedAt { get; set; }

    /// <summary>The user who last changed it.</summary>
    Guid? ModifiedBy { get; set; }
}

/// <summary>
/// Soft deletion: a delete marks the row, a global query filter hides it, and it can be restored.
/// </summary>
public interface ISoftDelete
{
    /// <summary>True once deleted.</summary>
    bool IsDeleted { get; set; }

    /// <summary>When it was deleted (UTC).</summary>
    DateTimeOffset? DeletedAt { get; set; }

    /// <summary>Who deleted it.</summary>
    Guid? DeletedBy { get; set; }
}

/// <summary>Creates identifiers: version-7 GUIDs, ordered by time so that inserts stay cheap in clustered indexes.</summary>
public static class IdGenerator
{
    /// <summary>A new time-ordered GUID (RFC 9562, version 7).</summary>
    public static Guid NewId() => Guid.CreateVersion7();
}
