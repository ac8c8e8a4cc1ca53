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
            throw new InvalidOperationException($"{typeof(T).Name} is audited; save it through the unit of work.");
        }

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
}
