using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace SmeSupport.Data;

/// <summary>
/// Inserts many new, immutable rows of one entity type (e.g. the 100,000 rows of a reconciliation import) with one prepared ADO.NET
/// command inside the context's current transaction, instead of tracking each row and letting SaveChanges build the statements. The
/// columns, and how each value is stored (value converters, e.g. enums as integers and DateTimeOffset as a 64-bit integer on SQLite;
/// the provider's parameter configuration, e.g. GUIDs as upper-case text on SQLite), come from the EF Core model, so the rows read back
/// exactly as if EF Core had written them. The rows are not tracked and no SaveChanges interceptor sees them: use it only for entities
/// that are not audited (no <see cref="SmeSupport.Domain.IAuditedEntity"/>). (The same writer as EInvoicing's, shared here so that other
/// modules use it without reaching into EInvoicing.)
/// </summary>
public static class RowBulkWriter
{
    /// <summary>
    /// Inserts <paramref name="rows"/> into the table of <typeparamref name="T"/>. The caller owns the transaction: a transaction must be
    /// open on <paramref name="context"/> (see <see cref="DatabaseFacade.CurrentTransaction"/>), so the rows are written with whatever
    /// else the caller saves, or not at all.
    /// </summary>
    /// <param name="context">The unit of work whose transaction is open.</param>
    /// <param name="rows">New rows; their keys must already be set.</param>
    /// <param name="ct">Cancels the writes (the caller's transaction then rolls back).</param>
    /// <returns>A task that completes when every row is written.</returns>
    /// <exception cref="InvalidOperationException">No transaction is open, <typeparamref name="T"/> is not mapped to a table, or it is audited.</exception>
    public static async Task InsertAsync<T>(DbContext context, IReadOnlyList<T> rows, CancellationToken ct)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(rows);
        if (typeof(SmeSupport.Domain.IAuditedEntity).IsAssignableFrom(typeof(T)))
        {
            throw new InvalidOperationException($"{typeof(T).Name} is audited; save it through the unit of work or with InsertAuditedAsync.");
        }

        await InsertCoreAsync(context, rows, ct);
    }

    /// <summary>
    /// Inserts new audited entities (e.g. the thousands of enterprises an import creates) with one prepared command, and their audit
    /// trail with another, in the caller's open transaction — what the unit of work's audit interceptor would write for them, without
    /// a change tracker and one statement built per row: each row gets <see cref="SmeSupport.Domain.IAuditedEntity.CreatedAt"/>
    /// = <paramref name="at"/>, <see cref="SmeSupport.Domain.IAuditedEntity.CreatedBy"/> = <paramref name="userId"/> (unless set), a
    /// concurrency stamp (unless set), and one <see cref="SmeSupport.Domain.AuditLogEntry"/> "Created" whose changes are every
    /// non-empty property as <c>{"Name":{"new":value}}</c>, in the same form as the interceptor's.
    /// </summary>
    /// <param name="context">The unit of work whose transaction is open.</param>
    /// <param name="rows">New entities; their keys must already be set.</param>
    /// <param name="userId">Who creates them (the audit trail's user).</param>
    /// <param name="userName">That user's name or e-mail, as the audit trail shows it.</param>
    /// <param name="at">When.</param>
    /// <param name="ct">Cancels the writes (the caller's transaction then rolls back).</param>
    /// <returns>A task that completes when every row and its audit entry are written.</returns>
    /// <exception cref="InvalidOperationException">No transaction is open, or <typeparamref name="T"/> is not mapped to a table.</exception>
    public static async Task InsertAuditedAsync<T>(DbContext context, IReadOnlyList<T> rows, Guid? userId, string? userName, DateTimeOffset at,
        CancellationToken ct)
        where T : SmeSupport.Domain.AuditedEntity
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return;
        }

        var entityType = context.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped.");
        var properties = entityType.GetProperties()
            .Where(p => p.PropertyInfo is not null && !p.IsPrimaryKey() && !AuditSkipped.Contains(p.Name))
            .Select(p => (p.Name, Getter: p.GetGetter())).ToArray();
        var entries = new List<SmeSupport.Domain.AuditLogEntry>(rows.Count);
        foreach (var row in rows)
        {
            row.CreatedAt = at;
            row.CreatedBy ??= userId;
            if (string.IsNullOrEmpty(row.ConcurrencyStamp))
            {
                row.ConcurrencyStamp = Guid.NewGuid().ToString("N");
            }

            var changes = new Dictionary<string, object?>(properties.Length);
            foreach (var (name, getter) in properties)
            {
                if (getter.GetClrValueUsingContainingEntity(row) is { } value)
                {
                    changes[name] = new { @new = value };
                }
            }

            entries.Add(new SmeSupport.Domain.AuditLogEntry
            {
                EntityType = typeof(T).Name,
                EntityId = row.Id.ToString(),
                Action = "Created",
                Changes = System.Text.Json.JsonSerializer.Serialize(changes),
                UserId = userId,
                UserName = userName,
                At = at,
            });
        }

        await InsertCoreAsync(context, rows, ct);
        await InsertCoreAsync(context, entries, ct);
    }

    /// <summary>Properties the audit trail leaves out (the audit fields themselves), as the audit interceptor does.</summary>
    private static readonly HashSet<string> AuditSkipped =
    [
        nameof(SmeSupport.Domain.IAuditedEntity.CreatedAt), nameof(SmeSupport.Domain.IAuditedEntity.CreatedBy),
        nameof(SmeSupport.Domain.IAuditedEntity.ModifiedAt), nameof(SmeSupport.Domain.IAuditedEntity.ModifiedBy),
        nameof(SmeSupport.Domain.AuditedEntity.ConcurrencyStamp), nameof(SmeSupport.Domain.ISoftDelete.DeletedAt),
        nameof(SmeSupport.Domain.ISoftDelete.DeletedBy),
    ];

    private static async Task InsertCoreAsync<T>(DbContext context, IReadOnlyList<T> rows, CancellationToken ct)
        where T : class
    {
        var transaction = context.Database.CurrentTransaction?.GetDbTransaction()
                          ?? throw new InvalidOperationException("RowBulkWriter needs an open transaction.");
        var entityType = context.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped.");
        var tableName = entityType.GetTableName() ?? throw new InvalidOperationException($"{typeof(T).Name} has no table.");
        var table = StoreObjectIdentifier.Table(tableName, entityType.GetSchema());
        var sql = context.GetService<ISqlGenerationHelper>();

        var connection = transaction.Connection ?? context.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        var columns = new List<(IProperty Property, DbParameter Parameter, Func<object?, object?>? Convert)>();
        var names = new List<string>();
        var values = new List<string>();
        foreach (var property in entityType.GetProperties())
        {
            var column = property.GetColumnName(table);
            if (column is null || property.PropertyInfo is null)
            {
                continue;
            }

            var mapping = property.GetRelationalTypeMapping();
            var name = "p" + columns.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var parameter = mapping.CreateParameter(command, sql.GenerateParameterName(name), null, property.IsNullable);
            command.Parameters.Add(parameter);
            columns.Add((property, parameter, mapping.Converter is { } converter ? converter.ConvertToProvider : null));
            names.Add(sql.DelimitIdentifier(column));
            values.Add(sql.GenerateParameterNamePlaceholder(name));
        }

        command.CommandText = $"INSERT INTO {sql.DelimitIdentifier(tableName, entityType.GetSchema())} ({string.Join(", ", names)}) VALUES ({string.Join(", ", values)})";
        var getters = columns.Select(c => c.Property.GetGetter()).ToArray();
        await command.PrepareAsync(ct);
        foreach (var row in rows)
        {
            for (var i = 0; i < columns.Count; i++)
            {
                var value = getters[i].GetClrValueUsingContainingEntity(row);
                if (value is not null && columns[i].Convert is { } convert)
                {
                    value = convert(value);
                }

                columns[i].Parameter.Value = value ?? DBNull.Value;
            }

            await command.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>
    /// Updates the given columns of existing rows of a non-audited entity (e.g. the outcomes of an import's rows) by key, with one
    /// prepared command reused for every row, in the caller's open transaction. Values are stored as EF Core would store them.
    /// </summary>
    /// <param name="context">The unit of work whose transaction is open.</param>
    /// <param name="rows">The rows with their key and the new values of <paramref name="properties"/> set.</param>
    /// <param name="properties">Names of the properties to write.</param>
    /// <param name="ct">Cancels the writes (the caller's transaction then rolls back).</param>
    /// <returns>The number of rows updated.</returns>
    /// <exception cref="InvalidOperationException">No transaction is open, <typeparamref name="T"/> is not mapped to a table, is audited,
    /// has no single-column key, or a property is unknown.</exception>
    public static async Task<int> UpdateAsync<T>(DbContext context, IReadOnlyList<T> rows, IReadOnlyList<string> properties, CancellationToken ct)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(properties);
        if (typeof(SmeSupport.Domain.IAuditedEntity).IsAssignableFrom(typeof(T)))
        {
            throw new InvalidOperationException($"{typeof(T).Name} is audited; save it through the unit of work.");
        }

        var transaction = context.Database.CurrentTransaction?.GetDbTransaction()
                          ?? throw new InvalidOperationException("RowBulkWriter needs an open transaction.");
        if (rows.Count == 0)
        {
            return 0;
        }

        var entityType = context.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped.");
        var tableName = entityType.GetTableName() ?? throw new InvalidOperationException($"{typeof(T).Name} has no table.");
        var table = StoreObjectIdentifier.Table(tableName, entityType.GetSchema());
        var key = entityType.FindPrimaryKey() is { Properties: [var single] } ? single
            : throw new InvalidOperationException($"{typeof(T).Name} has no single-column key.");
        var sql = context.GetService<ISqlGenerationHelper>();
        var connection = transaction.Connection ?? context.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        var columns = new List<(IPropertyBase Property, DbParameter Parameter, Func<object?, object?>? Convert)>();
        string Add(IProperty property)
        {
            var column = property.GetColumnName(table) ?? throw new InvalidOperationException($"{property.Name} has no column.");
            var mapping = property.GetRelationalTypeMapping();
            var name = "p" + columns.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var parameter = mapping.CreateParameter(command, sql.GenerateParameterName(name), null, property.IsNullable);
            command.Parameters.Add(parameter);
            columns.Add((property, parameter, mapping.Converter is { } converter ? converter.ConvertToProvider : null));
            return $"{sql.DelimitIdentifier(column)} = {sql.GenerateParameterNamePlaceholder(name)}";
        }

        var sets = properties.Select(n => Add(entityType.FindProperty(n) ?? throw new InvalidOperationException($"{typeof(T).Name} has no property {n}."))).ToList();
        var where = Add(key);
        command.CommandText = $"UPDATE {sql.DelimitIdentifier(tableName, entityType.GetSchema())} SET {string.Join(", ", sets)} WHERE {where}";
        var getters = columns.Select(c => ((IProperty)c.Property).GetGetter()).ToArray();
        await command.PrepareAsync(ct);
        var updated = 0;
        foreach (var row in rows)
        {
            for (var i = 0; i < columns.Count; i++)
            {
                var value = getters[i].GetClrValueUsingContainingEntity(row);
                if (value is not null && columns[i].Convert is { } convert)
                {
                    value = convert(value);
                }

                columns[i].Parameter.Value = value ?? DBNull.Value;
            }

            updated += await command.ExecuteNonQueryAsync(ct);
        }

        return updated;
    }
}
