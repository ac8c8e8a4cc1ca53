using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SmeSupport.Data;
using SmeSupport.Domain;

namespace SmeSupport.Core.Tests.Data;

/// <summary><see cref="RowBulkWriter.UpdateAuditedAsync{T}"/> on a real (in-memory) SQLite database.</summary>
public sealed class RowBulkWriterUpdateAuditedTests : IAsyncLifetime
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");
    private WidgetContext _db = null!;

    internal enum WidgetKind
    {
        Plain = 1,
        Fancy = 2,
    }

    internal sealed class Widget : FullAuditedEntity
    {
        public string Name { get; set; } = "";

        public int Count { get; set; }

        public decimal Price { get; set; }

        public WidgetKind Kind { get; set; }

        public string? Note { get; set; }
    }

    private sealed class WidgetContext(DbContextOptions options) : DbContext(options)
    {
        protected override void OnModelCreating(ModelBuilder b)
        {
            b.Entity<Widget>(e =>
            {
                e.ToTable("Widgets");
                e.Property(w => w.Kind).HasConversion<int>();
                e.Property(w => w.ConcurrencyStamp).HasMaxLength(40).IsConcurrencyToken();
            });
            b.Entity<AuditLogEntry>(e => e.ToTable("AuditLog"));
        }
    }

    private static readonly Guid UserId = Guid.Parse("0b7a4d7e-3c1f-4e55-9a55-0c1d2e3f4a5b");
    private static readonly DateTimeOffset At = new(2026, 11, 29, 12, 30, 0, TimeSpan.Zero);

    public async Task InitializeAsync()
    {
        await _connection.OpenAsync();
        _db = new WidgetContext(new DbContextOptionsBuilder<WidgetContext>().UseSqlite(_connection).Options);
        await _db.Database.EnsureCreatedAsync();
    }

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        await _connection.DisposeAsync();
    }

    private async Task<Widget> AddAsync(string name, int count)
    {
        var w = new Widget { Name = name, Count = count, Price = 1.5m, Kind = WidgetKind.Plain, ConcurrencyStamp = "stamp-" + name };
        _db.Add(w);
        await _db.SaveChangesAsync();
        _db.ChangeTracker.Clear();
        return await _db.Set<Widget>().AsNoTracking().SingleAsync(x => x.Id == w.Id);
    }

    [Fact]
    public async Task Writes_changed_columns_modification_fields_a_new_stamp_and_one_audit_entry_per_row()
    {
        var a = await AddAsync("A", 1);
        var b = await AddAsync("B", 7);
        var originalA = RowBulkWriter.CaptureOriginal(_db, a);
        var originalB = RowBulkWriter.CaptureOriginal(_db, b);
        a.Name = "Á mới";
        a.Count = 2;
        a.Kind = WidgetKind.Fancy;
        b.Note = "ghi chú";
        b.ConcurrencyStamp = "renewed-by-caller";

        await using (var tx = await _db.Database.BeginTransactionAsync())
        {
            var conflicts = await RowBulkWriter.UpdateAuditedAsync(_db, [(a, originalA), (b, originalB)], UserId, "can-bo@example.vn", At, default);
            Assert.Empty(conflicts);
            await tx.CommitAsync();
        }

        var rows = await _db.Set<Widget>().AsNoTracking().OrderBy(w => w.Name).ToListAsync();
        var ra = rows.Single(w => w.Id == a.Id);
        Assert.Equal(("Á mới", 2, WidgetKind.Fancy, 1.5m, (string?)null), (ra.Name, ra.Count, ra.Kind, ra.Price, ra.Note));
        Assert.Equal(At, ra.ModifiedAt);
        Assert.Equal(UserId, ra.ModifiedBy);
        Assert.NotEqual("stamp-A", ra.ConcurrencyStamp);
        Assert.Equal(32, ra.ConcurrencyStamp.Length);
        Assert.Equal(ra.ConcurrencyStamp, a.ConcurrencyStamp); // the caller sees the stamp written
        var rb = rows.Single(w => w.Id == b.Id);
        Assert.Equal(("B", 7, "ghi chú", "renewed-by-caller"), (rb.Name, rb.Count, rb.Note, rb.ConcurrencyStamp));

        var entries = await _db.Set<AuditLogEntry>().AsNoTracking().ToListAsync();
        Assert.Equal(2, entries.Count);
        var ea = entries.Single(e => e.EntityId == a.Id.ToString());
        Assert.Equal(("Widget", "Updated", UserId, "can-bo@example.vn", At), (ea.EntityType, ea.Action, ea.UserId, ea.UserName, ea.At));
        // Model property order, audit fields and the stamp left out, values as the interceptor serialises them (enums as numbers).
        Assert.Equal("{\"Count\":{\"old\":1,\"new\":2},\"Kind\":{\"old\":1,\"new\":2},\"Name\":{\"old\":\"A\",\"new\":\"\\u00C1 m\\u1EDBi\"}}", ea.Changes);
        var eb = entries.Single(e => e.EntityId == b.Id.ToString());
        Assert.Equal("{\"Note\":{\"old\":null,\"new\":\"ghi ch\\u00FA\"}}", eb.Changes);
    }

    /// <summary>The audit text as the audit interceptor builds it: a dictionary of anonymous objects serialised with the default options.</summary>
    private static string Reference(IEnumerable<(string Name, object? Old, object? New, bool Created)> changes)
    {
        var d = new Dictionary<string, object?>();
        foreach (var (name, old, @new, created) in changes)
        {
            d[name] = created ? new { @new } : new { old, @new };
        }

        return System.Text.Json.JsonSerializer.Serialize(d);
    }

    [Fact]
    public async Task Audit_texts_are_exactly_what_the_interceptor_serialises_for_every_value_type()
    {
        const string tricky = "Công ty <b>\"Ánh Dương\"</b> & 'Đông' \u0001 \t ✓ 😀";
        var w = new Widget { Name = tricky, Count = -42, Price = 1234567890.12300m, Kind = WidgetKind.Fancy, Note = "+84 912 345 678", ConcurrencyStamp = "s1" };
        await using (var tx = await _db.Database.BeginTransactionAsync())
        {
            await RowBulkWriter.InsertAuditedAsync(_db, [w], UserId, "a@example.vn", At, default);
            await tx.CommitAsync();
        }

        var created = await _db.Set<AuditLogEntry>().AsNoTracking().SingleAsync(e => e.Action == "Created");
        Assert.Equal(Reference(
        [
            ("Count", null, -42, true), ("IsDeleted", null, false, true), ("Kind", null, WidgetKind.Fancy, true), ("Name", null, tricky, true),
            ("Note", null, "+84 912 345 678", true), ("Price", null, 1234567890.12300m, true),
        ]), created.Changes);

        var loaded = await _db.Set<Widget>().AsNoTracking().SingleAsync(x => x.Id == w.Id);
        var original = RowBulkWriter.CaptureOriginal(_db, loaded);
        loaded.Name = "Mới \n dòng";
        loaded.Note = null;
        loaded.Price = 0.5m;
        loaded.Kind = WidgetKind.Plain;
        await using (var tx = await _db.Database.BeginTransactionAsync())
        {
            Assert.Empty(await RowBulkWriter.UpdateAuditedAsync(_db, [(loaded, original)], UserId, "a@example.vn", At, default));
            await tx.CommitAsync();
        }

        var updated = await _db.Set<AuditLogEntry>().AsNoTracking().SingleAsync(e => e.Action == "Updated");
        Assert.Equal(Reference(
        [
            ("Kind", WidgetKind.Fancy, WidgetKind.Plain, false), ("Name", tricky, "Mới \n dòng", false),
            ("Note", "+84 912 345 678", null, false), ("Price", original[Array.IndexOf(_db.Model.FindEntityType(typeof(Widget))!.GetProperties().Select(p => p.Name).ToArray(), "Price")], 0.5m, false),
        ]), updated.Changes);
    }

    [Fact]
    public async Task A_row_changed_meanwhile_is_returned_as_a_conflict_and_neither_overwritten_nor_audited()
    {
        var a = await AddAsync("A", 1);
        var b = await AddAsync("B", 2);
        var originalA = RowBulkWriter.CaptureOriginal(_db, a);
        var originalB = RowBulkWriter.CaptureOriginal(_db, b);
        a.Name = "A from the import";
        b.Name = "B from the import";

        await using (var tx = await _db.Database.BeginTransactionAsync())
        {
            // Someone else saves A after it was read.
            await _db.Database.ExecuteSqlRawAsync("UPDATE Widgets SET Name = 'A by someone else', ConcurrencyStamp = 'theirs' WHERE Name = 'A'");
            var conflicts = await RowBulkWriter.UpdateAuditedAsync(_db, [(a, originalA), (b, originalB)], UserId, "can-bo@example.vn", At, default);
            Assert.Same(a, Assert.Single(conflicts));
            await tx.CommitAsync();
        }

        var rows = await _db.Set<Widget>().AsNoTracking().ToDictionaryAsync(w => w.Id);
        Assert.Equal(("A by someone else", "theirs", (DateTimeOffset?)null), (rows[a.Id].Name, rows[a.Id].ConcurrencyStamp, rows[a.Id].ModifiedAt));
        Assert.Equal("B from the import", rows[b.Id].Name);
        var entry = Assert.Single(await _db.Set<AuditLogEntry>().AsNoTracking().ToListAsync());
        Assert.Equal(b.Id.ToString(), entry.EntityId);
    }

    [Fact]
    public async Task An_unchanged_entity_is_not_written_and_a_missing_transaction_or_a_restore_is_refused()
    {
        var a = await AddAsync("A", 1);
        var original = RowBulkWriter.CaptureOriginal(_db, a);
        await Assert.ThrowsAsync<InvalidOperationException>(() => RowBulkWriter.UpdateAuditedAsync(_db, [(a, original)], UserId, null, At, default));

        await using (var tx = await _db.Database.BeginTransactionAsync())
        {
            Assert.Empty(await RowBulkWriter.UpdateAuditedAsync(_db, [(a, original)], UserId, null, At, default));
            a.IsDeleted = true;
            await Assert.ThrowsAsync<InvalidOperationException>(() => RowBulkWriter.UpdateAuditedAsync(_db, [(a, original)], UserId, null, At, default));
            await tx.CommitAsync();
        }

        var row = await _db.Set<Widget>().AsNoTracking().SingleAsync();
        Assert.Equal(("stamp-A", (DateTimeOffset?)null, false), (row.ConcurrencyStamp, row.ModifiedAt, row.IsDeleted));
        Assert.Empty(await _db.Set<AuditLogEntry>().AsNoTracking().ToListAsync());
    }
}
