using System.Data.Common;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using SmeSupport.Enterprises.Contracts;
using SmeSupport.Enterprises.Tests.Support;
using SmeSupport.EntityFrameworkCore;
using SmeSupport.TestBase;

namespace SmeSupport.Enterprises.Tests.Import;

/// <summary>The app with a database hook that changes one enterprise right after the import job has read it (as a concurrent edit would).</summary>
public sealed class ConcurrentEditAppFactory : SmeSupportAppFactory
{
    private static string? _targetId;

    /// <summary>The enterprise to change once the job's chunk has read it (then cleared); null: no change.</summary>
    public static string? TargetId
    {
        get => Volatile.Read(ref _targetId);
        set => Volatile.Write(ref _targetId, value);
    }

    /// <inheritdoc />
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(s => s.ConfigureDbContext<SqliteSmeSupportDbContext>((_, o) => o.AddInterceptors(new EditAfterRead())));
    }

    /// <summary>After the job reads enterprises inside its chunk transaction, edits the target in that transaction (so the edit lands between read and write).</summary>
    private sealed class EditAfterRead : DbCommandInterceptor
    {
        public override InterceptionResult DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result)
        {
            if (TargetId is { } id && command.Transaction is not null && command.CommandText.Contains("FROM \"Enterprises\"", StringComparison.Ordinal)
                && command.CommandText.Contains("\"TaxCode\" IN", StringComparison.Ordinal))
            {
                TargetId = null;
                using var edit = command.Connection!.CreateCommand();
                edit.Transaction = command.Transaction;
                edit.CommandText = "UPDATE Enterprises SET Name = 'Công ty Sửa Trong Lúc Nhập', ConcurrencyStamp = 'changed-meanwhile' WHERE upper(Id) = $id";
                var p = edit.CreateParameter();
                p.ParameterName = "$id";
                p.Value = id;
                edit.Parameters.Add(p);
                if (edit.ExecuteNonQuery() != 1)
                {
                    throw new InvalidOperationException("The concurrent edit found no enterprise.");
                }
            }

            return base.DataReaderDisposing(command, eventData, result);
        }
    }
}

/// <summary>An enterprise changed between the job's read and its write is not overwritten: its row is reported, the others are written.</summary>
public sealed class ImportConflictTests(ConcurrentEditAppFactory app) : IClassFixture<ConcurrentEditAppFactory>
{
    [Fact]
    public async Task Enterprise_changed_meanwhile_is_not_overwritten_and_its_row_is_reported_as_a_conflict()
    {
        var admin = await app.CreateAdminClientAsync();
        var (changedCode, otherCode) = (TestData.NewTaxCode(), TestData.NewTaxCode());
        var changed = await TestData.CreateEnterpriseAsync(admin, changedCode);
        var other = await TestData.CreateEnterpriseAsync(admin, otherCode);
        var file = ImportTestSupport.Csv(
        [
            ["Mã số thuế", "Tên doanh nghiệp", "Số lao động"],
            [changedCode, "Công ty Tên Từ Tệp Một", "41"],
            [otherCode, "Công ty Tên Từ Tệp Hai", "42"],
        ]);

        var submitted = await admin.PostFileAsync("/api/enterprises/imports", file, "conflict.csv");
        Assert.Equal(System.Net.HttpStatusCode.Accepted, submitted.StatusCode);
        var id = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        ConcurrentEditAppFactory.TargetId = changed.ToString().ToUpperInvariant();
        Assert.True(await EnterpriseImportJob.RunOnceAsync(app.Services, id));
        Assert.Null(ConcurrentEditAppFactory.TargetId); // the edit happened

        var batch = await admin.GetFromJsonAsync<JsonElement>($"/api/enterprises/imports/{id}");
        Assert.Equal("Completed", batch.GetProperty("status").GetString());
        Assert.Equal(1, batch.GetProperty("updatedCount").GetInt32());
        Assert.Equal(1, batch.GetProperty("errorCount").GetInt32());
        var rows = (await admin.GetFromJsonAsync<JsonElement>($"/api/enterprises/imports/{id}/rows")).GetProperty("items");
        Assert.Equal("Error", rows.RowNumbered(2).GetProperty("outcome").GetString());
        var conflict = Assert.Single(rows.RowNumbered(2).GetProperty("errors").EnumerateArray());
        Assert.StartsWith("Không ghi được dòng này: doanh nghiệp đã được sửa sau khi lần nhập đọc nó", conflict.GetProperty("message").GetString(), StringComparison.Ordinal);
        var rowsEn = (await admin.GetFromJsonAsync<JsonElement>($"/api/enterprises/imports/{id}/rows?culture=en")).GetProperty("items");
        Assert.StartsWith("The row was not written: the enterprise was changed after the import read it",
            Assert.Single(rowsEn.RowNumbered(2).GetProperty("errors").EnumerateArray()).GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("Update", rows.RowNumbered(3).GetProperty("outcome").GetString());

        // The concurrent edit stands; the other enterprise has the file's values.
        var p1 = await admin.GetFromJsonAsync<JsonElement>($"/api/enterprises/{changed}");
        Assert.Equal("Công ty Sửa Trong Lúc Nhập", p1.GetProperty("name").GetString());
        Assert.Equal(5, p1.GetProperty("employees").GetInt32());
        Assert.Equal("changed-meanwhile", p1.GetProperty("concurrencyStamp").GetString());
        var p2 = await admin.GetFromJsonAsync<JsonElement>($"/api/enterprises/{other}");
        Assert.Equal("Công ty Tên Từ Tệp Hai", p2.GetProperty("name").GetString());
        Assert.Equal(42, p2.GetProperty("employees").GetInt32());

        // No audit entry claims a change the import did not make.
        Assert.Equal(0, app.Scalar($"SELECT COUNT(*) FROM AuditLog WHERE Action = 'Updated' AND upper(EntityId) = '{changed.ToString().ToUpperInvariant()}'"));
        Assert.Equal(1, app.Scalar($"SELECT COUNT(*) FROM AuditLog WHERE Action = 'Updated' AND upper(EntityId) = '{other.ToString().ToUpperInvariant()}'"));
    }
}
