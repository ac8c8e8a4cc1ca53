using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace SmeSupport.Data;

/// <summary>
/// A cheap "has anything changed" value for a table of audited rows: row count (soft-deleted rows included) and the latest creation
/// and modification times (a soft delete sets the modification time too). Any insert, update or soft delete through the unit of work
/// changes it, as the audit interceptor stamps every save.
/// </summary>
public static class ChangeStamp
{
    /// <summary>Reads the stamp of <paramref name="table"/> (a module's own table; the name is a constant, never user input).</summary>
    /// <param name="context">The unit of work.</param>
    /// <param name="table">Table name with <c>CreatedAt</c> and <c>ModifiedAt</c> columns.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>An opaque text; equal texts mean no change in between.</returns>
    public static async Task<string> ReadAsync(DbContext context, string table, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!table.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            throw new ArgumentException("A plain table name is required.", nameof(table));
        }

        var connection = context.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await context.Database.OpenConnectionAsync(cancellationToken);
        }

        try
        {
            await using DbCommand command = connection.CreateCommand();
            command.Transaction = context.Database.CurrentTransaction?.GetDbTransaction();
#pragma warning disable CA2100 // the table name is checked above and is a constant of the calling module
            command.CommandText = $"SELECT COUNT(*), MAX(CreatedAt), MAX(ModifiedAt) FROM {table}";
#pragma warning restore CA2100
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            return string.Join('|', Enumerable.Range(0, 3).Select(i => reader.IsDBNull(i) ? "" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)));
        }
        finally
        {
            if (opened)
            {
                await context.Database.CloseConnectionAsync();
            }
        }
    }
}
