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
        using var json = new AuditChangesWriter();
        foreach (var row in rows)
        {
            row.CreatedAt = at;
            row.CreatedBy ??= userId;
            if (string.IsNullOrEmpty(row.ConcurrencyStamp))
            {
                row.ConcurrencyStamp = Guid.NewGuid().ToString("N");
            }

            json.Start();
            foreach (var (name, getter) in properties)
            {
                if (getter.GetClrValueUsingContainingEntity(row) is { } value)
                {
                    json.Created(name, value);
                }
            }

            entries.Add(new SmeSupport.Domain.AuditLogEntry
            {
                EntityType = typeof(T).Name,
                EntityId = row.Id.ToString(),
                Action = "Created",
                Changes = json.Finish(),
                UserId = userId,
                UserName = userName,
                At = at,
            });
        }

        await InsertCoreAsync(context, rows, ct);
        await InsertCoreAsync(context, entries, ct);
    }

    /// <summary>
    /// The values of <paramref name="entity"/>'s mapped properties as they are now (as loaded), in the model's property order: take them
    /// before changing a loaded, untracked entity, and hand them to <see cref="UpdateAuditedAsync{T}"/> with the changed entity (they play
    /// the part of the change tracker's original values).
    /// </summary>
    /// <param name="context">The unit of work whose model maps <typeparamref name="T"/>.</param>
    /// <param name="entity">The entity as loaded.</param>
    /// <returns>One value per mapped property, in <see cref="IEntityType.GetProperties"/> order.</returns>
    /// <exception cref="InvalidOperationException"><typeparamref name="T"/> is not mapped, or has a shadow property.</exception>
    public static object?[] CaptureOriginal<T>(DbContext context, T entity)
        where T : SmeSupport.Domain.AuditedEntity
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(entity);
        var shape = UpdateShape.Of(context, typeof(T));
        var values = new object?[shape.Properties.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = shape.Getters[i].GetClrValueUsingContainingEntity(entity);
        }

        return values;
    }

    /// <summary>
    /// Writes changed audited entities (e.g. the enterprises an import updates) that were loaded without tracking, with one prepared
    /// command per set of changed columns, reused for every row, and their audit trail with another, in the caller's open transaction —
    /// what the unit of work and its audit interceptor write for a modified entity, without a change tracker:
    /// <list type="bullet">
    /// <item><see cref="SmeSupport.Domain.IAuditedEntity.ModifiedAt"/> = <paramref name="at"/> and
    /// <see cref="SmeSupport.Domain.IAuditedEntity.ModifiedBy"/> = <paramref name="userId"/>;</item>
    /// <item>a new concurrency stamp, unless the caller already gave the entity one different from its original (so that it knows the
    /// stamp the row will have);</item>
    /// <item><c>UPDATE … SET</c> the columns whose value differs from the original (by the property's value comparer, as EF Core's
    /// change detection) <c>WHERE</c> key = original key <c>AND</c> each concurrency token = its original value;</item>
    /// <item>one <see cref="SmeSupport.Domain.AuditLogEntry"/> "Updated" per written row whose audited properties changed (audit fields,
    /// the stamp and the key left out), its changes as <c>{"Name":{"old":value,"new":value}}</c> in model property order — the same text
    /// as the interceptor's.</item>
    /// </list>
    /// An entity with no property changed is skipped (not written, no entry), as the unit of work skips an unchanged entity.
    /// A row whose update matches no row (its stamp changed meanwhile, or it is gone) is not written and gets no audit entry: it is returned
    /// as a conflict, for the caller to report (never overwritten silently). The write changes the table's <c>ModifiedAt</c> and so its
    /// <see cref="ChangeStamp"/> as a save through the unit of work does; in-process counters that a module bumps from
    /// <see cref="DbContext.SavedChanges"/> are not bumped (no SaveChanges runs): the caller bumps them.
    /// </summary>
    /// <param name="context">The unit of work whose transaction is open.</param>
    /// <param name="rows">Each changed entity (untracked) with its values from <see cref="CaptureOriginal{T}"/> taken before the change.</param>
    /// <param name="userId">Who changes them (the audit trail's user, and <see cref="SmeSupport.Domain.IAuditedEntity.ModifiedBy"/>).</param>
    /// <param name="userName">That user's name or e-mail, as the audit trail shows it.</param>
    /// <param name="at">When (UTC).</param>
    /// <param name="ct">Cancels the writes (the caller's transaction then rolls back).</param>
    /// <returns>The entities not written because their row changed meanwhile (empty when every row was written).</returns>
    /// <exception cref="InvalidOperationException">No transaction is open; <typeparamref name="T"/> is not mapped to a table, has no
    /// single-column key or a shadow property; an original has the wrong length or a null concurrency token; the key was changed; or the
    /// change deletes or restores a soft-deletable entity (save those through the unit of work).</exception>
    public static async Task<IReadOnlyList<T>> UpdateAuditedAsync<T>(DbContext context, IReadOnlyList<(T Entity, object?[] Original)> rows,
        Guid? userId, string? userName, DateTimeOffset at, CancellationToken ct)
        where T : SmeSupport.Domain.AuditedEntity
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(rows);
        var transaction = context.Database.CurrentTransaction?.GetDbTransaction()
                          ?? throw new InvalidOperationException("RowBulkWriter needs an open transaction.");
        if (rows.Count == 0)
        {
            return [];
        }

        var shape = UpdateShape.Of(context, typeof(T));
        var sql = context.GetService<ISqlGenerationHelper>();
        var connection = transaction.Connection ?? context.Database.GetDbConnection();
        var commands = new Dictionary<string, (DbCommand Command, int[] Columns)>(StringComparer.Ordinal);
        var conflicts = new List<T>();
        var entries = new List<SmeSupport.Domain.AuditLogEntry>(rows.Count);
        var count = shape.Properties.Length;
        var current = new object?[count];
        var changed = new char[count];
        using var json = new AuditChangesWriter();
        try
        {
            foreach (var (entity, original) in rows)
            {
                ArgumentNullException.ThrowIfNull(entity);
                if (original is null || original.Length != count)
                {
                    throw new InvalidOperationException($"The original values of a {typeof(T).Name} must come from CaptureOriginal.");
                }

                if (!Compare(shape, entity, original, current, changed))
                {
                    continue; // unchanged: the unit of work would not save it either
                }

                entity.ModifiedAt = at;
                entity.ModifiedBy = userId;
                if (string.IsNullOrEmpty(entity.ConcurrencyStamp) || string.Equals(entity.ConcurrencyStamp, original[shape.Stamp] as string, StringComparison.Ordinal))
                {
                    entity.ConcurrencyStamp = Guid.NewGuid().ToString("N");
                }

                Compare(shape, entity, original, current, changed);

                if (changed[shape.Key] == '1')
                {
                    throw new InvalidOperationException($"The key of a {typeof(T).Name} cannot be changed.");
                }

                if (shape.SoftDelete >= 0 && changed[shape.SoftDelete] == '1')
                {
                    throw new InvalidOperationException($"Deleting or restoring a {typeof(T).Name} goes through the unit of work.");
                }

                var mask = new string(changed);
                if (!commands.TryGetValue(mask, out var prepared))
                {
                    prepared = await PrepareUpdateAsync(shape, sql, connection, transaction, changed, ct);
                    commands[mask] = prepared;
                }

                var parameters = prepared.Command.Parameters;
                var columns = prepared.Columns;
                for (var p = 0; p < columns.Length; p++)
                {
                    // The SET columns take the current values; the key and the concurrency tokens (after them) their original values.
                    var i = columns[p];
                    var value = p < columns.Length - shape.Guards.Length ? current[i] : original[i];
                    if (value is not null && shape.Converters[i] is { } convert)
                    {
                        value = convert(value);
                    }

                    parameters[p].Value = value ?? DBNull.Value;
                }

                if (await prepared.Command.ExecuteNonQueryAsync(ct) == 0)
                {
                    conflicts.Add(entity);
                    continue;
                }

                json.Start();
                var any = false;
                for (var i = 0; i < count; i++)
                {
                    if (changed[i] == '1' && shape.Audited[i] && !Equals(original[i], current[i]))
                    {
                        json.Updated(shape.Properties[i].Name, original[i], current[i]);
                        any = true;
                    }
                }

                var changes = json.Finish();
                if (any)
                {
                    entries.Add(new SmeSupport.Domain.AuditLogEntry
                    {
                        EntityType = typeof(T).Name,
                        EntityId = entity.Id.ToString(),
                        Action = "Updated",
                        Changes = changes,
                        UserId = userId,
                        UserName = userName,
                        At = at,
                    });
                }
            }
        }
        finally
        {
            foreach (var (command, _) in commands.Values)
            {
                await command.DisposeAsync();
            }
        }

        await InsertCoreAsync(context, entries, ct);
        return conflicts;
    }

    /// <summary>Reads the entity's current values and marks which differ from the original ones; true when any does.</summary>
    private static bool Compare(UpdateShape shape, object entity, object?[] original, object?[] current, char[] changed)
    {
        var any = false;
        for (var i = 0; i < current.Length; i++)
        {
            current[i] = shape.Getters[i].GetClrValueUsingContainingEntity(entity);
            var differs = !shape.Comparers[i].Equals(original[i], current[i]);
            changed[i] = differs ? '1' : '0';
            any |= differs;
        }

        return any;
    }

    private static async Task<(DbCommand Command, int[] Columns)> PrepareUpdateAsync(UpdateShape shape, ISqlGenerationHelper sql,
        DbConnection connection, DbTransaction transaction, char[] changed, CancellationToken ct)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        var columns = new List<int>();
        string Add(int i)
        {
            var property = shape.Properties[i];
            var name = "p" + columns.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
            command.Parameters.Add(property.GetRelationalTypeMapping().CreateParameter(command, sql.GenerateParameterName(name), null, property.IsNullable));
            columns.Add(i);
            return $"{sql.DelimitIdentifier(shape.Columns[i])} = {sql.GenerateParameterNamePlaceholder(name)}";
        }

        var sets = new List<string>();
        for (var i = 0; i < changed.Length; i++)
        {
            if (changed[i] == '1')
            {
                sets.Add(Add(i));
            }
        }

        var guards = shape.Guards.Select(Add).ToList();
#pragma warning disable CA2100 // identifiers come from the EF Core model, values are parameters
        command.CommandText = $"UPDATE {sql.DelimitIdentifier(shape.Table, shape.Schema)} SET {string.Join(", ", sets)} WHERE {string.Join(" AND ", guards)}";
#pragma warning restore CA2100
        await command.PrepareAsync(ct);
        return (command, columns.ToArray());
    }

    /// <summary>What <see cref="UpdateAuditedAsync{T}"/> needs of an entity type, worked out once per model's entity type.</summary>
    private sealed class UpdateShape
    {
        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IEntityType, UpdateShape> Cache = new();

        public required IProperty[] Properties { get; init; }

        public required IClrPropertyGetter[] Getters { get; init; }

        public required Microsoft.EntityFrameworkCore.ChangeTracking.ValueComparer[] Comparers { get; init; }

        public required Func<object?, object?>?[] Converters { get; init; }

        public required string[] Columns { get; init; }

        /// <summary>Whether the property's changes go into the audit entry (not the key, not an audit field).</summary>
        public required bool[] Audited { get; init; }

        /// <summary>The key, then the concurrency tokens: the WHERE clause.</summary>
        public required int[] Guards { get; init; }

        public required string Table { get; init; }

        public required string? Schema { get; init; }

        public required int Key { get; init; }

        public required int Stamp { get; init; }

        public required int SoftDelete { get; init; }

        public static UpdateShape Of(DbContext context, Type type)
        {
            var entityType = context.Model.FindEntityType(type) ?? throw new InvalidOperationException($"{type.Name} is not mapped.");
            return Cache.GetValue(entityType, Build);
        }

        private static UpdateShape Build(IEntityType entityType)
        {
            var name = entityType.ClrType.Name;
            var tableName = entityType.GetTableName() ?? throw new InvalidOperationException($"{name} has no table.");
            var table = StoreObjectIdentifier.Table(tableName, entityType.GetSchema());
            var key = entityType.FindPrimaryKey() is { Properties: [var single] } ? single
                : throw new InvalidOperationException($"{name} has no single-column key.");
            var properties = entityType.GetProperties().ToArray();
            if (properties.FirstOrDefault(p => p.IsShadowProperty()) is { } shadow)
            {
                throw new InvalidOperationException($"{name}.{shadow.Name} is a shadow property; save {name} through the unit of work.");
            }

            var index = Array.IndexOf(properties, key);
            var tokens = Enumerable.Range(0, properties.Length).Where(i => i != index && properties[i].IsConcurrencyToken).ToArray();
            return new UpdateShape
            {
                Properties = properties,
                Getters = properties.Select(p => p.GetGetter()).ToArray(),
                Comparers = properties.Select(p => p.GetValueComparer()).ToArray(),
                Converters = properties.Select(p => p.GetRelationalTypeMapping().Converter is { } c ? c.ConvertToProvider : null).ToArray(),
                Columns = properties.Select(p => p.GetColumnName(table) ?? throw new InvalidOperationException($"{name}.{p.Name} has no column.")).ToArray(),
                Audited = properties.Select(p => !p.IsPrimaryKey() && !AuditSkipped.Contains(p.Name)).ToArray(),
                Guards = [index, .. tokens],
                Table = tableName,
                Schema = entityType.GetSchema(),
                Key = index,
                Stamp = Array.FindIndex(properties, p => p.Name == nameof(SmeSupport.Domain.AuditedEntity.ConcurrencyStamp)),
                SoftDelete = Array.FindIndex(properties, p => p.Name == nameof(SmeSupport.Domain.ISoftDelete.IsDeleted)),
            };
        }
    }

    /// <summary>
    /// Writes an audit entry's changes (<c>{"Name":{"old":value,"new":value}}</c>) with one reused <see cref="System.Text.Json.Utf8JsonWriter"/>
    /// instead of a dictionary of anonymous objects serialised by reflection: the same text as the audit interceptor's
    /// <c>JsonSerializer.Serialize(Dictionary&lt;string, object?&gt;)</c> (default options: the default encoder, enums as numbers, nulls
    /// written), value by value (common types written directly, any other through <see cref="System.Text.Json.JsonSerializer"/> by its
    /// runtime type, as the dictionary's <c>object</c> values are).
    /// </summary>
    internal sealed class AuditChangesWriter : IDisposable
    {
        private static readonly System.Text.Json.JsonEncodedText Old = System.Text.Json.JsonEncodedText.Encode("old");
        private static readonly System.Text.Json.JsonEncodedText New = System.Text.Json.JsonEncodedText.Encode("new");
        private readonly System.Buffers.ArrayBufferWriter<byte> _buffer = new(1024);
        private readonly System.Text.Json.Utf8JsonWriter _writer;

        public AuditChangesWriter() => _writer = new System.Text.Json.Utf8JsonWriter(_buffer, new System.Text.Json.JsonWriterOptions { SkipValidation = true });

        /// <summary>Starts a new changes object.</summary>
        public void Start()
        {
            _buffer.ResetWrittenCount();
            _writer.Reset(_buffer);
            _writer.WriteStartObject();
        }

        /// <summary>Adds <c>"name":{"new":value}</c>.</summary>
        public void Created(string name, object? value)
        {
            _writer.WritePropertyName(name);
            _writer.WriteStartObject();
            _writer.WritePropertyName(New);
            Value(value);
            _writer.WriteEndObject();
        }

        /// <summary>Adds <c>"name":{"old":old,"new":value}</c>.</summary>
        public void Updated(string name, object? old, object? value)
        {
            _writer.WritePropertyName(name);
            _writer.WriteStartObject();
            _writer.WritePropertyName(Old);
            Value(old);
            _writer.WritePropertyName(New);
            Value(value);
            _writer.WriteEndObject();
        }

        /// <summary>Ends the object and returns its text.</summary>
        public string Finish()
        {
            _writer.WriteEndObject();
            _writer.Flush();
            return System.Text.Encoding.UTF8.GetString(_buffer.WrittenSpan);
        }

        private void Value(object? value)
        {
            switch (value)
            {
                case null:
                    _writer.WriteNullValue();
                    break;
                case string s:
                    _writer.WriteStringValue(s);
                    break;
                case int i:
                    _writer.WriteNumberValue(i);
                    break;
                case long l:
                    _writer.WriteNumberValue(l);
                    break;
                case decimal d:
                    _writer.WriteNumberValue(d);
                    break;
                case bool b:
                    _writer.WriteBooleanValue(b);
                    break;
                case Guid g:
                    _writer.WriteStringValue(g);
                    break;
                case DateTimeOffset dto:
                    _writer.WriteStringValue(dto);
                    break;
                default:
                    System.Text.Json.JsonSerializer.Serialize(_writer, value, value.GetType());
                    break;
            }
        }

        /// <inheritdoc />
        public void Dispose() => _writer.Dispose();
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
