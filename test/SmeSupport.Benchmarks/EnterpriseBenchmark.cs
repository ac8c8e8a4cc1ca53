using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SmeSupport.Data;
using SmeSupport.Domain;
using SmeSupport.Enterprises.Contracts;
using SmeSupport.Enterprises.Domain;
using SmeSupport.Enterprises.Persistence;
using SmeSupport.Enterprises.Seeding;
using SmeSupport.EntityFrameworkCore;
using SmeSupport.Security;

/// <summary>
/// Benchmark of issue 3 (prints figures; not a unit test): with N enterprises in SQLite, name-fragment search through
/// <see cref="IEnterpriseAppService.GetListAsync"/> (median and p95 over varied fragments, with and without diacritics) against a
/// plain indexed lookup by tax code (<see cref="IEnterpriseLookup.FindByTaxCodesAsync"/>), a CSV import (dry run + commit), and the
/// revert of that import.
/// Usage: dotnet run -c Release --project test/SmeSupport.Benchmarks -- issue3 [enterprises=100000 queries=200 importRows=10000]
/// [db=folder to keep and reuse the database; a kept one is copied for each run unless in-place] [import-only to skip the search part] [phases to log the import's per-phase wall and CPU time]
/// </summary>
internal static class EnterpriseBenchmark
{
    private static readonly string[] Prefixes = ["Công ty TNHH", "Công ty cổ phần", "Công ty TNHH MTV", "Hợp tác xã", "Doanh nghiệp tư nhân", "Hộ kinh doanh"];

    private static readonly string[] Words =
    [
        "Phú Thọ", "Việt Trì", "Hùng Vương", "Đông Á", "Nguyễn Gia", "Trường Thành", "Hòa Bình", "Sông Đà", "Thành Công", "Minh Anh", "Phát Đạt",
        "Hưng Thịnh", "Tân Tiến", "An Khang", "Bình Minh", "Đại Phát", "Lâm Thao", "Thanh Sơn", "Cẩm Khê", "Tam Nông", "Yên Lập", "Đoan Hùng",
        "Hạ Hòa", "Phù Ninh", "Thanh Thủy", "Tiến Đạt", "Kim Long", "Ngọc Lan", "Hoàng Gia", "Quang Minh", "Xuân Trường", "Đức Việt", "Lạc Hồng",
        "Âu Cơ", "Vĩnh Phúc", "Mường Động", "Kỳ Sơn", "Đà Bắc", "Lương Sơn", "Tuyên Quang", "Sơn Vi", "Hải Lựu", "Bạch Hạc", "Gia Cẩm",
    ];

    private static readonly string[] Trades =
    [
        "Chè", "Gỗ", "Xây dựng", "Thương mại", "Dịch vụ", "Vận tải", "Nông sản", "May mặc", "Điện tử", "Thực phẩm", "Du lịch", "Cơ khí",
        "Dược phẩm", "Giấy", "Gốm sứ", "Phần mềm", "Thủy sản", "Nội thất",
    ];

    private static readonly string[] People = ["Nguyễn Văn", "Trần Thị", "Lê Minh", "Phạm Đức", "Hoàng Thu", "Đỗ Quang", "Bùi Thị", "Đặng Hữu"];

    private static readonly string[] Given = ["Anh", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hùng", "Lan", "Long", "Mai", "Nam", "Thảo", "Tú", "Yến"];

    /// <summary>Fragments searched: with and without diacritics, upper and lower case, words, parts of words, names of contacts, and misses.</summary>
    private static readonly string[] Fragments =
    [
        "phú thọ", "phu tho", "PHU THO", "Đông Á", "dong a", "nguyen gia", "Nguyễn", "hung thinh", "Hưng Thịnh", "xây dựng", "xay dung",
        "minh", "thanh cong", "truong th", "viet tri", "Việt Trì", "kim long", "ngoc lan", "hoang gia", "lạc hồng", "lac hong", "au co",
        "muong dong", "ky son", "da bac", "luong son", "che", "chè", "go", "thuong mai", "dich vu", "van tai", "nong san", "may mac",
        "dien tu", "thuc pham", "du lich", "co khi", "duoc pham", "giay", "gom su", "phan mem", "thuy san", "noi that", "hop tac xa",
        "doanh nghiep tu nhan", "ho kinh doanh", "tnhh mtv", "co phan", "tran thi lan", "le minh", "pham duc hung", "dang huu", "thu ha",
        "bach hac", "gia cam", "son vi", "hai luu", "tuyen quang", "vinh phuc", "tan tien", "an khang", "binh minh", "dai phat", "lam thao",
        "thanh son", "cam khe", "tam nong", "yen lap", "doan hung", "ha hoa", "phu ninh", "thanh thuy", "tien dat", "quang minh",
        "xuan truong", "duc viet", "song da", "hoa binh", "phat dat", "minh anh", "so 12", "so 4711", "zzqx", "khong co ten nay",
    ];

    public static async Task RunAsync(string[] args)
    {
        var importOnly = args.Contains("import-only");
        var options = args.Select(a => a.Split('=', 2)).Where(p => p.Length == 2 && p[0] != "db")
            .ToDictionary(p => p[0], p => int.Parse(p[1], CultureInfo.InvariantCulture));
        var reuse = args.FirstOrDefault(a => a.StartsWith("db=", StringComparison.Ordinal))?[3..];
        var count = options.GetValueOrDefault("enterprises", 100_000);
        var queries = options.GetValueOrDefault("queries", 200);
        var importRows = options.GetValueOrDefault("importRows", 10_000);

        var folder = reuse ?? Path.Combine(Path.GetTempPath(), "smesupport-bench3-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        string? seedCopy = null;
        if (reuse is not null && File.Exists(Path.Combine(reuse, "bench.db")) && !args.Contains("in-place"))
        {
            // A kept database is copied for the run (the import adds enterprises), so that every run starts from the same data;
            // "in-place" imports into the kept database itself.
            seedCopy = folder = Path.Combine(Path.GetTempPath(), "smesupport-bench3-" + Guid.NewGuid().ToString("N")[..8]);
            Directory.CreateDirectory(folder);
            foreach (var file in Directory.GetFiles(reuse, "bench.db*"))
            {
                File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
            }
        }

        var services = new ServiceCollection();
        // Per-phase timings of the import (wall and process CPU) with "phases".
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning).AddSimpleConsole(o => o.SingleLine = true)
            .AddFilter("SmeSupport.Enterprises.Import", args.Contains("phases") ? LogLevel.Debug : LogLevel.Warning));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ICurrentUser, BenchUser>();
        var configuration = new ConfigurationBuilder().Build();
        var modules = SmeSupportModules.Create();
        services.AddSingleton(modules);
        // Enterprises, and the modules that contribute to the enterprise timeline (the revert asks each of them about activity).
        foreach (var module in modules.Modules.Where(m => m.Name is "Enterprises" or "Trials" or "EInvoicing" or "Cases" or "Outreach"))
        {
            module.ConfigureServices(services, configuration);
        }

        services.AddSmeSupportDatabase(new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(folder, "bench.db")}"));
        await using var provider = services.BuildServiceProvider();
        Console.WriteLine($"SmeSupport benchmark, issue 3 — {Environment.ProcessorCount} logical cores, .NET {Environment.Version}, "
#if DEBUG
                          + "Debug build (use -c Release for figures)");
#else
                          + "Release build");
#endif
        Console.WriteLine($"Database: SQLite file in {folder}");

        var setup = Stopwatch.StartNew();
        List<string> taxCodes;
        using (var scope = provider.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SmeSupportDbContext>();
            var edb = scope.ServiceProvider.GetRequiredService<EnterprisesDb>();
            if (await db.Database.EnsureCreatedAsync())
            {
                await new AdministrativeUnitsSeedContributor(edb).SeedAsync(new DataSeedContext(), CancellationToken.None);
                var wards = await edb.Wards.Where(w => w.ProvinceCode == 25).Select(w => w.Code).ToListAsync();
                taxCodes = await SeedAsync(provider, count, wards);
            }
            else
            {
                await AddMissingColumnsAsync(db);
                taxCodes = await edb.Enterprises.OrderBy(e => e.TaxCode).Select(e => e.TaxCode).ToListAsync();
                Console.WriteLine($"Reusing the database with {taxCodes.Count:N0} enterprises");
            }
        }

        Console.WriteLine($"Setup: {taxCodes.Count:N0} enterprises (a contact for one in three) in {setup.Elapsed.TotalSeconds:F1} s");

        // 1. Name-fragment search through the application service (first page of 20, total count), and the plain lookup.
        var random = new Random(42);
        var fragments = Enumerable.Range(0, queries).Select(i => Fragments[i % Fragments.Length]).OrderBy(_ => random.Next()).ToList();
        var searchTimes = new List<double>();
        var searchCpu = new List<double>();
        var hits = new List<int>();
        var process = System.Diagnostics.Process.GetCurrentProcess();
        double Cpu()
        {
            process.Refresh();
            return process.TotalProcessorTime.TotalMilliseconds;
        }
        for (var i = -10; i < (importOnly ? -10 : fragments.Count); i++)
        {
            var q = fragments[Math.Max(0, i) % fragments.Count];
            using var scope = provider.CreateScope();
            var service = scope.ServiceProvider.GetRequiredService<IEnterpriseAppService>();
            var cpu = Cpu();
            var sw = Stopwatch.StartNew();
            var page = await service.GetListAsync(new EnterpriseListFilterDto { Q = q, Page = 1, PageSize = 20 });
            sw.Stop();
            if (i >= 0)
            {
                searchCpu.Add(Cpu() - cpu);
                searchTimes.Add(sw.Elapsed.TotalMilliseconds); // the first ten are warm-up
                hits.Add(page.TotalCount);
            }
        }

        var lookupTimes = new List<double>();
        var lookupCpu = new List<double>();
        for (var i = -10; i < (importOnly ? -10 : queries); i++)
        {
            var code = taxCodes[random.Next(taxCodes.Count)];
            using var scope = provider.CreateScope();
            var lookup = scope.ServiceProvider.GetRequiredService<IEnterpriseLookup>();
            var cpu = Cpu();
            var sw = Stopwatch.StartNew();
            var found = await lookup.FindByTaxCodesAsync([code]);
            sw.Stop();
            if (found.Count != 1)
            {
                throw new InvalidOperationException($"Tax code {code} not found");
            }

            if (i >= 0)
            {
                lookupCpu.Add(Cpu() - cpu);
                lookupTimes.Add(sw.Elapsed.TotalMilliseconds);
            }
        }

        if (!importOnly)
        {
        var searchMedian = Percentile(searchTimes, 50);
        var searchP95 = Percentile(searchTimes, 95);
        var lookupMedian = Percentile(lookupTimes, 50);
        var lookupP95 = Percentile(lookupTimes, 95);
        Console.WriteLine($"Search by name fragment over {taxCodes.Count:N0} enterprises, {searchTimes.Count} queries ({Fragments.Length} distinct fragments, "
                          + $"matches per query {hits.Min():N0}–{hits.Max():N0}, median {Percentile(hits.Select(h => (double)h).ToList(), 50):N0}):");
        Console.WriteLine($"  median {searchMedian:F2} ms (target 20 ms), p95 {searchP95:F2} ms (target 50 ms), max {searchTimes.Max():F2} ms");
        Console.WriteLine($"Lookup by tax code (indexed), {lookupTimes.Count} queries: median {lookupMedian:F3} ms, p95 {lookupP95:F3} ms");
        Console.WriteLine($"Ratio search / lookup: median {searchMedian / lookupMedian:F1}×, p95 {searchP95 / lookupP95:F1}×");
        Console.WriteLine($"Process CPU time per query (less sensitive to a loaded machine; 1 ms-ish resolution): search median {Percentile(searchCpu, 50):F1} ms, "
                          + $"p95 {Percentile(searchCpu, 95):F1} ms; lookup median {Percentile(lookupCpu, 50):F1} ms, p95 {Percentile(lookupCpu, 95):F1} ms");
        Console.WriteLine($"Load average when measured: {(File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a")}");
        }

        // 2. Import of a CSV: dry run, then commit (submit + the background job run in process).
        var csv = ImportCsv(taxCodes, importRows);
        Console.WriteLine($"Import file: {importRows:N0} rows ({importRows * 8 / 10:N0} new, the rest updates of existing enterprises, 1 % with errors), "
                          + $"{csv.Length / 1024.0:F0} KiB CSV");
        var total = Stopwatch.StartNew();
        var importCpu = Cpu();
        ImportDryRunDto dry;
        using (var scope = provider.CreateScope())
        {
            var sw = Stopwatch.StartNew();
            dry = await scope.ServiceProvider.GetRequiredService<IEnterpriseImportAppService>().DryRunAsync(new MemoryStream(csv), "bench.csv");
            Console.WriteLine($"  dry run: {sw.Elapsed.TotalSeconds:F2} s — create {dry.CreateCount:N0}, update {dry.UpdateCount:N0}, "
                              + $"unchanged {dry.UnchangedCount:N0}, errors {dry.ErrorCount:N0}");
        }

        EnterpriseImportDto batch;
        using (var scope = provider.CreateScope())
        {
            var sw = Stopwatch.StartNew();
            batch = await scope.ServiceProvider.GetRequiredService<IEnterpriseImportAppService>().SubmitAsync(new MemoryStream(csv), "bench.csv");
            var submitted = sw.Elapsed.TotalSeconds;
            var job = Stopwatch.StartNew();
            await EnterpriseImportJob.RunOnceAsync(provider, batch.Id);
            job.Stop();
            batch = await scope.ServiceProvider.GetRequiredService<IEnterpriseImportAppService>().GetAsync(batch.Id);
            Console.WriteLine($"  commit: {sw.Elapsed.TotalSeconds:F2} s (submit {submitted:F2} s + job {job.Elapsed.TotalSeconds:F2} s) — {batch.Status}, created {batch.CreatedCount:N0}, "
                              + $"updated {batch.UpdatedCount:N0}, errors {batch.ErrorCount:N0}");
        }

        Console.WriteLine($"Import {importRows:N0} rows, dry run + commit: {total.Elapsed.TotalSeconds:F2} s (target 10 s); process CPU time {(Cpu() - importCpu) / 1000:F2} s");
        Console.WriteLine($"Load average when measured: {(File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a")}");

        // 3. Revert of that import: the check that no enterprise it created has activity since (every timeline module asked), then
        // the removal of what it created and the restoring of what it changed.
        using (var scope = provider.CreateScope())
        {
            var revertCpu = Cpu();
            var sw = Stopwatch.StartNew();
            var reverted = await scope.ServiceProvider.GetRequiredService<IEnterpriseImportAppService>().RevertAsync(batch.Id);
            Console.WriteLine($"Revert of the import ({batch.CreatedCount:N0} created, {batch.UpdatedCount:N0} updated): {sw.Elapsed.TotalSeconds:F2} s — "
                              + $"{reverted.Status}; process CPU time {(Cpu() - revertCpu) / 1000:F2} s");
            Console.WriteLine($"Load average when measured: {(File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a")}");
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (reuse is null || seedCopy is not null)
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    /// <summary>
    /// A kept database was made (EnsureCreated) by an older build: adds the columns the model has gained since, each with its type and, when
    /// required, a zero or empty default, so that a kept seed keeps serving later builds. Tables and indexes are left as they are.
    /// </summary>
    private static async Task AddMissingColumnsAsync(SmeSupportDbContext db)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        foreach (var entity in db.Model.GetEntityTypes())
        {
            if (entity.GetTableName() is not { } table)
            {
                continue;
            }

            var existing = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            await using (var cmd = connection.CreateCommand())
            {
                cmd.CommandText = $"PRAGMA table_info(\"{table}\")";
                await using var reader = await cmd.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    existing.Add(reader.GetString(1));
                }
            }

            if (existing.Count == 0)
            {
                continue;
            }

            var store = Microsoft.EntityFrameworkCore.Metadata.StoreObjectIdentifier.Table(table, entity.GetSchema());
            foreach (var property in entity.GetProperties())
            {
                if (property.GetColumnName(store) is not { } column || !existing.Add(column))
                {
                    continue;
                }

                var type = property.GetColumnType();
                var fallback = property.IsNullable ? "" : type.Equals("TEXT", StringComparison.OrdinalIgnoreCase) ? " NOT NULL DEFAULT ''" : " NOT NULL DEFAULT 0";
                await using var alter = connection.CreateCommand();
                alter.CommandText = $"ALTER TABLE \"{table}\" ADD COLUMN \"{column}\" {type}{fallback}";
                await alter.ExecuteNonQueryAsync();
                Console.WriteLine($"Kept database: added column {table}.{column}");
            }
        }
    }

    private static double Percentile(List<double> values, int percent)
    {
        var sorted = values.Order().ToList();
        var rank = (percent / 100.0 * (sorted.Count - 1));
        var lo = (int)Math.Floor(rank);
        var hi = (int)Math.Ceiling(rank);
        return sorted[lo] + ((sorted[hi] - sorted[lo]) * (rank - lo));
    }

    private static string NameOf(int i) =>
        $"{Prefixes[i % Prefixes.Length]} {Trades[(i / 7) % Trades.Length]} {Words[(i / 3) % Words.Length]} {Words[(i * 7 + 5) % Words.Length]} số {i}";

    private static async Task<List<string>> SeedAsync(IServiceProvider provider, int count, List<int> wards)
    {
        var codes = new List<string>(count);
        var legalForms = Enum.GetValues<LegalForm>();
        var sections = VsicSections.All;
        var seq = 1_000_000;
        const int batch = 10_000;
        for (var start = 0; start < count; start += batch)
        {
            using var scope = provider.CreateScope();
            var edb = scope.ServiceProvider.GetRequiredService<EnterprisesDb>();
            edb.Context.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = start; i < Math.Min(count, start + batch); i++)
            {
                string code;
                do
                {
                    var nine = "25" + (seq++).ToString("D7", CultureInfo.InvariantCulture);
                    code = TaxCode.ComputeCheckDigit(nine) is { } d ? nine + d : "";
                }
                while (code.Length == 0);

                codes.Add(code);
                var section = sections[i % sections.Count];
                var e = new Enterprise
                {
                    TaxCode = code,
                    LegalForm = legalForms[i % legalForms.Length],
                    IndustryCode = section.Code + section.FirstDivision.ToString("D2", CultureInfo.InvariantCulture),
                    IndustrySection = section.Code.ToString(),
                    ProvinceCode = 25,
                    WardCode = wards[i % wards.Count],
                    ProgrammeStatus = (ProgrammeStatus)(i % 4),
                };
                e.SetNames(NameOf(i), i % 5 == 0 ? Words[i % Words.Length] : null);
                e.SetFigures(5 + (i % 200), 1_000_000_000m * (i % 50), 500_000_000m * (i % 30));
                edb.Enterprises.Add(e);
                if (i % 3 == 0)
                {
                    var name = $"{People[i % People.Length]} {Given[(i / 3) % Given.Length]}";
                    edb.Contacts.Add(new Contact
                    {
                        EnterpriseId = e.Id, FullName = name, FullNameFolded = SmeSupport.Text.VietnameseText.Fold(name),
                        Email = $"lienhe{i}@example.vn",
                    });
                }
            }

            await edb.Context.SaveChangesAsync();
        }

        return codes;
    }

    private static byte[] ImportCsv(List<string> existing, int rows)
    {
        var sb = new StringBuilder();
        sb.Append("Mã số thuế;Tên doanh nghiệp;Loại hình doanh nghiệp;Ngành nghề chính (VSIC);Số lao động;Doanh thu (VND);Vốn (VND);Xã/phường;"
                  + "Địa chỉ (số nhà, đường);Người liên hệ;Email người liên hệ;Điện thoại di động\r\n");
        var seq = Random.Shared.Next(1_000_000, 9_000_000); // new codes differ from run to run, so a reused database still gets creates
        for (var i = 0; i < rows; i++)
        {
            string code;
            if (i % 10 < 8)
            {
                do
                {
                    var nine = "26" + (seq++).ToString("D7", CultureInfo.InvariantCulture);
                    code = TaxCode.ComputeCheckDigit(nine) is { } d ? nine + d : "";
                }
                while (code.Length == 0);
            }
            else
            {
                code = existing[(i * 37) % existing.Count];
            }

            if (i % 100 == 99)
            {
                code = code[..9] + (char)('0' + ((code[9] - '0' + 1) % 10)); // wrong check digit
            }

            sb.Append(code).Append(';').Append(NameOf(i + 7)).Append(" mới;Công ty cổ phần;4711;").Append(10 + (i % 90)).Append(';')
                .Append(2_000_000_000L + i).Append(";1.000.000.000;Phường Việt Trì;Số ").Append(i).Append(", đường Hùng Vương;")
                .Append(i % 4 == 0 ? $"{People[i % People.Length]} {Given[i % Given.Length]};nhap{i}@example.vn;09{i % 100_000_000:D8}" : ";;")
                .Append("\r\n");
        }

        return Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(sb.ToString())).ToArray();
    }
}
