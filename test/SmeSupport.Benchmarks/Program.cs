using Microsoft.AspNetCore.DataProtection;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SmeSupport.Data;
using SmeSupport.Domain;
using SmeSupport.EInvoicing.Contracts;
using SmeSupport.EInvoicing.Domain;
using SmeSupport.EInvoicing.Persistence;
using SmeSupport.Enterprises.Contracts;
using SmeSupport.Enterprises.Domain;
using SmeSupport.Enterprises.Persistence;
using SmeSupport.Enterprises.Seeding;
using SmeSupport.EntityFrameworkCore;
using SmeSupport.Security;

if (args.FirstOrDefault() == "outreach")
{
    // Benchmark of issue 6: see OutreachBenchmark.
    await SmeSupport.Benchmarks.OutreachBenchmark.RunAsync(args.Skip(1).ToArray());
    return;
}

// Benchmark of issue 4 (prints figures; not a unit test):
//   1. reconciling a 100,000-row tax-office CSV against 100,000 enterprises (target ≤ 30 s), the whole import path:
//      read, match by canonical tax code, compare with our records, keep the import and its rows;
//   2. the adoption funnel over 100,000 enterprises (target ≤ 300 ms median), each dimension.
// Benchmark of issue 7: 3. each report over 100,000 enterprises (target ≤ 500 ms median) and the dashboard (target ≤ 300 ms median).
// Usage: dotnet run -c Release --project test/SmeSupport.Benchmarks [-- enterprises=100000 rows=100000 runs=3 funnelRuns=15 reportRuns=11
//        reconcile=1 funnel=1 reporting=1]
// Usage: dotnet run -c Release --project test/SmeSupport.Benchmarks [-- enterprises=100000 rows=100000 runs=3 funnelRuns=15]
// Issue 3 (enterprise search and import): dotnet run -c Release --project test/SmeSupport.Benchmarks -- issue3 [enterprises=100000 queries=200 importRows=10000 db=folder import-only]
if (args.Contains("issue3"))
{
    await EnterpriseBenchmark.RunAsync(args.Where(a => a != "issue3").ToArray());
    return;
}

var options = args.Select(a => a.Split('=', 2)).Where(p => p.Length == 2 && p[0] != "db")
    .ToDictionary(p => p[0], p => int.Parse(p[1], CultureInfo.InvariantCulture));
var reuse = args.FirstOrDefault(a => a.StartsWith("db=", StringComparison.Ordinal))?[3..];
var enterpriseCount = options.GetValueOrDefault("enterprises", 100_000);
var rowCount = options.GetValueOrDefault("rows", 100_000);
var runs = options.GetValueOrDefault("runs", 3);
var funnelRuns = options.GetValueOrDefault("funnelRuns", 15);

var folder = reuse ?? Path.Combine(Path.GetTempPath(), "smesupport-bench-" + Guid.NewGuid().ToString("N")[..8]);
Directory.CreateDirectory(folder);
var services = new ServiceCollection();
services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning).AddSimpleConsole(o => o.SingleLine = true)
    .AddFilter("SmeSupport.EInvoicing.Application.ReconciliationAppService", LogLevel.Information));
services.AddSingleton(TimeProvider.System);
services.AddDataProtection();
services.AddSingleton<ICurrentUser, BenchUser>();
var configuration = new ConfigurationBuilder().Build();
var modules = SmeSupportModules.Create();
services.AddSingleton(modules);
foreach (var module in modules.Modules.Where(m => m.Name is "Enterprises" or "EInvoicing" or "Trials" or "Cases" or "Outreach" or "Reporting"))
{
    module.ConfigureServices(services, configuration);
}

services.AddSmeSupportDatabase(new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(folder, "bench.db")}"));
await using var provider = services.BuildServiceProvider();

Console.WriteLine($"SmeSupport benchmark — {Environment.ProcessorCount} logical cores, .NET {Environment.Version}, {RuntimeConfig()}");
Console.WriteLine($"Database: SQLite file in {folder}");

var setup = Stopwatch.StartNew();
List<string> taxCodes;
using (var scope = provider.CreateScope())
{
    var db = scope.ServiceProvider.GetRequiredService<SmeSupportDbContext>();
    if (!await db.Database.EnsureCreatedAsync())
    {
        taxCodes = await scope.ServiceProvider.GetRequiredService<EnterprisesDb>().Enterprises.OrderBy(e => e.TaxCode).Select(e => e.TaxCode).ToListAsync();
        Console.WriteLine($"Reusing the database with {taxCodes.Count:N0} enterprises");
        goto seeded;
    }

    var edb = scope.ServiceProvider.GetRequiredService<EnterprisesDb>();
    await new AdministrativeUnitsSeedContributor(edb).SeedAsync(new DataSeedContext(), CancellationToken.None);
    var wards = await edb.Wards.Where(w => w.ProvinceCode == 25).Select(w => w.Code).ToListAsync();
    taxCodes = await SeedAsync(provider, enterpriseCount, wards);
seeded:;
}

Console.WriteLine($"Setup: {enterpriseCount:N0} enterprises, adoption records for 70 %, in {setup.Elapsed.TotalSeconds:F1} s");

// Where the time goes (one pass over each piece).
if (options.GetValueOrDefault("profile", 0) == 1)
{
    using var scope = provider.CreateScope();
    var lookup = scope.ServiceProvider.GetRequiredService<IEnterpriseLookup>();
    var idb = scope.ServiceProvider.GetRequiredService<EInvoicingDb>();
    var sw = Stopwatch.StartNew();
    var profiles = await lookup.ListProfilesAsync();
    Console.WriteLine($"  profile: ListProfilesAsync {profiles.Count:N0} rows {sw.ElapsedMilliseconds} ms");
    sw.Restart();
    var steps = await idb.Adoptions.AsNoTracking().Select(a => new { a.EnterpriseId, a.CurrentStep }).ToListAsync();
    Console.WriteLine($"  profile: adoption steps {steps.Count:N0} rows {sw.ElapsedMilliseconds} ms");
    var edb2 = scope.ServiceProvider.GetRequiredService<EnterprisesDb>();
    for (var k = 0; k < 3; k++)
    {
        sw.Restart();
        var lean = await edb2.Enterprises.AsNoTracking().Select(e => new { e.Id, e.WardCode, e.Size, e.LegalForm, e.IndustrySection }).ToListAsync();
        Console.WriteLine($"  profile: EF lean {lean.Count:N0} rows {sw.ElapsedMilliseconds} ms");
        sw.Restart();
        var conn = edb2.Context.Database.GetDbConnection();
        await edb2.Context.Database.OpenConnectionAsync();
        using (var cmd = conn.CreateCommand())
        {
            cmd.CommandText = "SELECT Id, WardCode, Size, LegalForm, IndustrySection FROM Enterprises WHERE IsDeleted = 0";
            using var reader = await cmd.ExecuteReaderAsync();
            var n = 0;
            while (await reader.ReadAsync())
            {
                _ = Guid.Parse(reader.GetString(0));
                _ = reader.GetInt32(1);
                _ = reader.GetInt32(2);
                _ = reader.GetInt32(3);
                _ = reader.IsDBNull(4) ? null : reader.GetString(4);
                n++;
            }

            Console.WriteLine($"  profile: raw {n:N0} rows {sw.ElapsedMilliseconds} ms");
        }

        await edb2.Context.Database.CloseConnectionAsync();
        sw.Restart();
        var steps2 = await idb.Adoptions.AsNoTracking().Select(a => new { a.EnterpriseId, a.CurrentStep }).ToListAsync();
        Console.WriteLine($"  profile: adoption steps {steps2.Count:N0} rows {sw.ElapsedMilliseconds} ms");
        sw.Restart();
        var all = await edb2.Enterprises.AsNoTracking().Select(e => new { e.TaxCode, e.Id }).ToListAsync();
        Console.WriteLine($"  profile: all tax codes {all.Count:N0} rows {sw.ElapsedMilliseconds} ms");
    }

    sw.Restart();
    var found = await lookup.FindByTaxCodesAsync(taxCodes.Take(5000).ToList());
    Console.WriteLine($"  profile: FindByTaxCodesAsync {found.Count:N0} {sw.ElapsedMilliseconds} ms");
    sw.Restart();
    var table = SmeSupport.EInvoicing.Application.TaxOfficeFile.Read(new MemoryStream(TaxOfficeCsv(taxCodes, rowCount)), "x.csv");
    Console.WriteLine($"  profile: generate + read CSV {table.Rows.Count:N0} rows {sw.ElapsedMilliseconds} ms");
}

// 1. Reconciliation.
if (options.GetValueOrDefault("reconcile", 1) == 1)
{
var csv = TaxOfficeCsv(taxCodes, rowCount);
Console.WriteLine($"Tax-office file: {rowCount:N0} rows, {csv.Length / 1024.0 / 1024.0:F1} MiB CSV");
var times = new List<double>();
var cpuTimes = new List<double>();
ReconciliationImportDto? last = null;
for (var i = 0; i < runs; i++)
{
    using var scope = provider.CreateScope();
    var service = scope.ServiceProvider.GetRequiredService<IEInvoiceReconciliationAppService>();
    var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
    var sw = Stopwatch.StartNew();
    last = await service.ImportAsync(new MemoryStream(csv), "bench.csv", branchesToParent: true);
    sw.Stop();
    var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds;
    times.Add(sw.Elapsed.TotalSeconds);
    cpuTimes.Add(cpu);
    Console.WriteLine($"  reconcile run {i + 1}: {sw.Elapsed.TotalSeconds:F2} s wall, {cpu:F2} s process CPU; load average {LoadAverage()}");
}

var reconcileMedian = Median(times);
Console.WriteLine($"Reconcile {rowCount:N0} rows vs {enterpriseCount:N0} enterprises: median {reconcileMedian:F2} s, p95 {P95(times):F2} s over {runs} runs; "
                  + $"target 30 s; ratio {reconcileMedian / 30:P0} of target; process CPU median {Median(cpuTimes):F2} s, p95 {P95(cpuTimes):F2} s; load average {LoadAverage()}");
Console.WriteLine($"  outcome of the last run: matches {last!.Matches:N0}, changes {last.Changes:N0}, conflicts {last.Conflicts:N0}, "
                  + $"unknown {last.UnknownTaxCodes:N0}, errors {last.Errors:N0}");

// Accepting all changes once (not a target; for information; accept=0 skips it).
if (options.GetValueOrDefault("accept", 1) == 1)
using (var scope = provider.CreateScope())
{
    var service = scope.ServiceProvider.GetRequiredService<IEInvoiceReconciliationAppService>();
    var sw = Stopwatch.StartNew();
    var accepted = await service.AcceptAsync(last.Id, new AcceptReconciliationDto());
    Console.WriteLine($"Accept all ({accepted.Accepted.Count:N0} rows applied, {accepted.Stale.Count:N0} stale): {sw.Elapsed.TotalSeconds:F2} s (no target)");
}
}

// 2. Funnel.
foreach (var dimension in options.GetValueOrDefault("funnel", 1) == 1 ? Enum.GetValues<EInvoiceFunnelDimension>() : [])
{
    var funnelTimes = new List<double>();
    EInvoiceFunnelDto? funnel = null;
    for (var i = 0; i < funnelRuns + 2; i++)
    {
        using var scope = provider.CreateScope();
        var service = scope.ServiceProvider.GetRequiredService<IEInvoiceFunnelAppService>();
        var sw = Stopwatch.StartNew();
        funnel = await service.GetAsync(dimension);
        sw.Stop();
        if (i >= 2)
        {
            funnelTimes.Add(sw.Elapsed.TotalMilliseconds); // the first two are warm-up
        }
    }

    // Cold: right after an adoption record changes, the steps are read again (the enterprise attributes stay cached).
    var coldTimes = new List<double>();
    for (var i = 0; i < 3; i++)
    {
        using var scope = provider.CreateScope();
        var idb = scope.ServiceProvider.GetRequiredService<EInvoicingDb>();
        var one = await idb.Adoptions.OrderBy(a => a.Id).Skip(i).FirstAsync();
        one.Kind = one.Kind == EInvoiceKind.WithCode ? EInvoiceKind.WithoutCode : EInvoiceKind.WithCode;
        await idb.Context.SaveChangesAsync();
        var sw = Stopwatch.StartNew();
        await scope.ServiceProvider.GetRequiredService<IEInvoiceFunnelAppService>().GetAsync(dimension);
        coldTimes.Add(sw.Elapsed.TotalMilliseconds);
    }

    var median = Median(funnelTimes);
    Console.WriteLine($"  after an adoption change (steps read again): median {Median(coldTimes):F0} ms over 3 runs");
    Console.WriteLine($"Funnel by {dimension,-9} over {funnel!.Total.Enterprises:N0} enterprises ({funnel.Rows.Count} groups): median {median:F0} ms, "
                      + $"p95 {P95(funnelTimes):F0} ms, min {funnelTimes.Min():F0} ms, max {funnelTimes.Max():F0} ms over {funnelRuns} runs; target 300 ms; "
                      + $"ratio {median / 300:P0} of target; load average {LoadAverage()}");
}

// 3. Reports and dashboard (issue 7), warm (the enterprise profiles are cached until the registry changes, as in the app).
if (options.GetValueOrDefault("reporting", 1) == 1)
{
    var reportRuns = options.GetValueOrDefault("reportRuns", 11);
    if (options.GetValueOrDefault("reportData", 1) == 1)
    {
        Console.WriteLine("Reporting data: " + await SmeSupport.Benchmarks.ReportingBenchmarkData.SeedAsync(provider));
    }

    // Month-end snapshots of the six months before this one (the dashboard's trend reads them), stored once and reused with db=.
    using (var scope = provider.CreateScope())
    {
        var engine = scope.ServiceProvider.GetRequiredService<SmeSupport.Reporting.Application.ReportEngine>();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var added = 0;
        var sw = Stopwatch.StartNew();
        for (var i = 1; i <= 6; i++)
        {
            added += await engine.SnapshotAsync(today.AddMonths(-i).ToString("yyyy-MM", CultureInfo.InvariantCulture), CancellationToken.None);
        }

        Console.WriteLine($"Snapshots: {added} added for the last 6 months in {sw.Elapsed.TotalSeconds:F1} s");
    }

    Console.WriteLine($"Load average before the reporting runs: {LoadAverage()} ({Environment.ProcessorCount} logical cores, shared)");
    // Wall time per run (median, p95, max) and the process CPU time per run (median, p95): on a loaded machine the CPU time shows the
    // work done, the wall time also the waiting for a core.
    var lastCpu = (Median: 0.0, P95: 0.0);
    async Task<(double Median, double P95, double Max)> TimeAsync(Func<IServiceProvider, Task> action)
    {
        var list = new List<double>();
        var cpuList = new List<double>();
        for (var i = 0; i < reportRuns + 2; i++)
        {
            using var scope = provider.CreateScope();
            var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            await action(scope.ServiceProvider);
            if (i >= 2)
            {
                list.Add(sw.Elapsed.TotalMilliseconds);
                cpuList.Add((Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalMilliseconds);
            }
        }

        var sorted = list.Order().ToList();
        lastCpu = (Median(cpuList), P95(cpuList));
        return (Median(list), sorted[(int)Math.Ceiling(0.95 * sorted.Count) - 1], sorted[^1]);
    }

    string Cpu() => $"process CPU median {lastCpu.Median:F0} ms, p95 {lastCpu.P95:F0} ms";

    List<string> keys;
    using (var scope = provider.CreateScope())
    {
        keys = scope.ServiceProvider.GetRequiredService<SmeSupport.Reporting.Contracts.IReportAppService>().GetDefinitions().Select(d => d.Key).ToList();
    }

    foreach (var def in keys)
    {
        var rows = 0;
        var total = 0;
        var (median, p95, max) = await TimeAsync(async sp =>
        {
            var result = await sp.GetRequiredService<SmeSupport.Reporting.Contracts.IReportAppService>().RunAsync(def, new SmeSupport.Reporting.Contracts.ReportQueryDto());
            rows = result.Rows.Count;
            total = result.TotalRows;
        });
        Console.WriteLine($"Report {def,-22} over {enterpriseCount:N0} enterprises (page of {rows:N0} of {total:N0} rows): median {median:F0} ms, p95 {p95:F0} ms, "
                          + $"max {max:F0} ms over {reportRuns} runs; target 500 ms; ratio {median / 500:P0} of target; {Cpu()}; load {LoadAverage()}");
    }

    var (filteredMedian, filteredP95, _) = await TimeAsync(sp => sp.GetRequiredService<SmeSupport.Reporting.Contracts.IReportAppService>()
        .RunAsync("einvoice-by-commune", new SmeSupport.Reporting.Contracts.ReportQueryDto { Size = "Micro", LegalForm = "SingleMemberLlc" }));
    Console.WriteLine($"Report einvoice-by-commune filtered by size and legal form: median {filteredMedian:F0} ms, p95 {filteredP95:F0} ms; target 500 ms; {Cpu()}");
    var (xlsxMedian, _, _) = await TimeAsync(sp => sp.GetRequiredService<SmeSupport.Reporting.Contracts.IReportAppService>()
        .ExportAsync("einvoice-by-commune", new SmeSupport.Reporting.Contracts.ReportQueryDto(), SmeSupport.Reporting.Contracts.ReportFormat.Xlsx));
    Console.WriteLine($"Export einvoice-by-commune to XLSX: median {xlsxMedian:F0} ms (no target)");
    var (lastPageMedian, lastPageP95, _) = await TimeAsync(sp => sp.GetRequiredService<SmeSupport.Reporting.Contracts.IReportAppService>()
        .RunAsync("einvoice-not-issuing", new SmeSupport.Reporting.Contracts.ReportQueryDto { Page = "150", PageSize = "200" }));
    Console.WriteLine($"Report einvoice-not-issuing page 150 of 200 rows: median {lastPageMedian:F0} ms, p95 {lastPageP95:F0} ms; target 500 ms; {Cpu()}");
    var (csvMedian, _, _) = await TimeAsync(sp => sp.GetRequiredService<SmeSupport.Reporting.Contracts.IReportAppService>()
        .ExportAsync("einvoice-not-issuing", new SmeSupport.Reporting.Contracts.ReportQueryDto(), SmeSupport.Reporting.Contracts.ReportFormat.Csv));
    Console.WriteLine($"Export einvoice-not-issuing to CSV (every row): median {csvMedian:F0} ms (no target)");
    var (dashMedian, dashP95, dashMax) = await TimeAsync(sp => sp.GetRequiredService<SmeSupport.Reporting.Contracts.IDashboardAppService>()
        .GetAsync(new SmeSupport.Reporting.Contracts.ReportQueryDto()));
    Console.WriteLine($"Dashboard over {enterpriseCount:N0} enterprises: median {dashMedian:F0} ms, p95 {dashP95:F0} ms, max {dashMax:F0} ms over {reportRuns} runs; "
                      + $"target 300 ms; ratio {dashMedian / 300:P0} of target; {Cpu()}; load {LoadAverage()}");
    // Where the dashboard's time goes: each contract it reads, timed alone (warm; dashProfile=0 skips it).
    if (options.GetValueOrDefault("dashProfile", 1) == 1)
    {
        async Task Piece(string name, Func<IServiceProvider, Task> action)
        {
            var (m, p, _) = await TimeAsync(action);
            Console.WriteLine($"  dashboard piece {name,-40} median {m,6:F0} ms, p95 {p,6:F0} ms; {Cpu()}");
        }

        await Piece("Enterprises CountByProgrammeStatus", sp => sp.GetRequiredService<IEnterpriseStatistics>().CountByProgrammeStatusAsync());
        await Piece("Enterprises GetChangeStamp", sp => sp.GetRequiredService<IEnterpriseLookup>().GetChangeStampAsync());
        await Piece("Enterprises ListCohortMemberships", sp => sp.GetRequiredService<IEnterpriseCohortLookup>().ListMembershipsAsync());
        await Piece("EInvoicing GetCurrentSteps", sp => sp.GetRequiredService<IEInvoiceStepSource>().GetCurrentStepsAsync());
        await Piece("Trials CountByStatus", sp => sp.GetRequiredService<SmeSupport.Trials.Contracts.ITrialStatistics>().CountByStatusAsync());
        await Piece("Trials ListTrialFacts", sp => sp.GetRequiredService<SmeSupport.Trials.Contracts.ITrialReportSource>().ListTrialFactsAsync());
        await Piece("Cases CountByStatus", sp => sp.GetRequiredService<SmeSupport.Cases.Contracts.ICaseStatistics>().CountByStatusAsync());
        await Piece("Cases ListCaseFacts", sp => sp.GetRequiredService<SmeSupport.Cases.Contracts.ICaseReportSource>().ListCaseFactsAsync());
        await Piece("Outreach CountSent", sp => sp.GetRequiredService<SmeSupport.Outreach.Contracts.IOutreachStatistics>().CountSentAsync());
        await Piece("Outreach ListRunFigures", sp => sp.GetRequiredService<SmeSupport.Outreach.Contracts.IOutreachStatistics>().ListRunFiguresAsync());
        // The dashboard's own parts: the live facts it loads (enterprises, steps, trials, cases, campaigns) and the 6-month trend.
        await Piece("Reporting LoadLive (all sources)", sp => sp.GetRequiredService<SmeSupport.Reporting.Application.ReportEngine>().LoadLiveAsync(
            SmeSupport.Reporting.Application.ReportSources.Enterprises | SmeSupport.Reporting.Application.ReportSources.Steps
            | SmeSupport.Reporting.Application.ReportSources.Trials | SmeSupport.Reporting.Application.ReportSources.Cases
            | SmeSupport.Reporting.Application.ReportSources.Campaigns, CancellationToken.None));
        await Piece("Reporting Trend (6 months of snapshots)", sp => sp.GetRequiredService<SmeSupport.Reporting.Application.ReportEngine>()
            .TrendAsync(new SmeSupport.Reporting.Contracts.ReportFilterDto(), 6, CancellationToken.None));
        await Piece("Reporting ParseFilters (no filter)", async sp =>
        {
            var errors = new SmeSupport.Errors.FieldErrors();
            await sp.GetRequiredService<SmeSupport.Reporting.Application.ReportEngine>().ParseFiltersAsync(
                SmeSupport.Reporting.Application.ReportCatalog.Find("case-service-levels")!, new SmeSupport.Reporting.Contracts.ReportQueryDto(), errors);
        });
    }

    var (headMedian, headP95, _) = await TimeAsync(sp => sp.GetRequiredService<SmeSupport.Reporting.Contracts.IDashboardAppService>().GetHeadlineAsync());
    Console.WriteLine($"Dashboard headline: median {headMedian:F0} ms, p95 {headP95:F0} ms; target 300 ms; {Cpu()}; load {LoadAverage()}");
}

Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
if (reuse is not null)
{
    return;
}

try
{
    Directory.Delete(folder, recursive: true);
}
catch (IOException)
{
}

return;

static string RuntimeConfig() =>
#if DEBUG
    "Debug build (use -c Release for figures)";
#else
    "Release build";
#endif

// The 95th percentile by nearest rank (the value at rank ceil(0.95 n)).
static double P95(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted[Math.Max(0, (int)Math.Ceiling(0.95 * sorted.Count) - 1)];
}

// The 1-, 5- and 15-minute load averages (/proc/loadavg), so the figures can be read against how busy the machine was.
static string LoadAverage()
{
    try
    {
        return string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
    }
    catch (IOException)
    {
        return "n/a";
    }
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}

static async Task<List<string>> SeedAsync(IServiceProvider provider, int count, List<int> wards)
{
    var codes = new List<string>(count);
    var legalForms = Enum.GetValues<LegalForm>();
    var sections = VsicSections.All;
    var today = DateOnly.FromDateTime(DateTime.UtcNow);
    var seq = 1_000_000;
    const int batch = 10_000;
    for (var start = 0; start < count; start += batch)
    {
        using var scope = provider.CreateScope();
        var edb = scope.ServiceProvider.GetRequiredService<EnterprisesDb>();
        var idb = scope.ServiceProvider.GetRequiredService<EInvoicingDb>();
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
            e.SetNames($"Công ty TNHH Thử nghiệm số {i}", null);
            e.SetFigures(5 + i % 200, 1_000_000_000m * (i % 50), 500_000_000m * (i % 30));
            edb.Enterprises.Add(e);
            if (i % 10 < 7)
            {
                var adoption = new EInvoiceAdoption { EnterpriseId = e.Id, Kind = (EInvoiceKind)(i % 3) };
                var target = (EInvoiceStep)(1 + i % 5);
                var date = today.AddDays(-400 + i % 100);
                foreach (var step in SmeSupport.EInvoicing.Domain.ReconciliationRules.Path(EInvoiceStep.NotRegistered, target)!)
                {
                    adoption.RecordStep(step, date, EInvoiceStepSource.Officer, null, DateTimeOffset.UtcNow, null);
                    date = date.AddDays(7);
                }

                idb.Adoptions.Add(adoption);
            }
        }

        await edb.Context.SaveChangesAsync();
    }

    return codes;
}

static byte[] TaxOfficeCsv(List<string> codes, int rows)
{
    var sb = new StringBuilder();
    sb.Append("STT,Mã số thuế,Tên người nộp thuế,Trạng thái,Loại hóa đơn,Nhà cung cấp,Ngày đăng ký,Ngày chấp nhận,Ngày xuất hóa đơn đầu tiên,Ngày\r\n");
    var statuses = new[] { "Đã nộp tờ khai", "Chấp nhận", "Từ chối", "Đã xuất hóa đơn", "Xuất thường xuyên", "Chưa đăng ký" };
    var kinds = new[] { "Có mã", "Không có mã", "Khởi tạo từ máy tính tiền", "" };
    var providers = new[] { "Viettel SInvoice", "VNPT Invoice", "MISA meInvoice", "BKAV eHoaDon", "Công ty ABC", "" };
    var today = DateOnly.FromDateTime(DateTime.UtcNow);
    for (var i = 0; i < rows; i++)
    {
        string code = (i % 100) switch
        {
            < 2 => "01001091" + (i % 90 + 10).ToString(CultureInfo.InvariantCulture), // mostly malformed
            < 5 => "79" + (2_000_000 + i).ToString("D7", CultureInfo.InvariantCulture) + "0", // unknown or malformed
            < 7 => codes[(i * 7) % codes.Count] + "-001",                      // branch → parent
            < 8 => codes[((i - 1) * 13) % codes.Count],                          // possible duplicate
            _ => codes[(i * 13) % codes.Count],
        };
        var d = today.AddDays(-300 + i % 200);
        static string Vn(DateOnly x) => x.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
        sb.Append(i + 1).Append(',').Append(code).Append(",\"Công ty TNHH Thử nghiệm, số ").Append(i).Append("\",")
            .Append(statuses[i % statuses.Length]).Append(',').Append(kinds[i % kinds.Length]).Append(',').Append(providers[i % providers.Length]).Append(',')
            .Append(Vn(d)).Append(',').Append(Vn(d.AddDays(3))).Append(',').Append(Vn(d.AddDays(10))).Append(',').Append(Vn(d.AddDays(40))).Append("\r\n");
    }

    return Encoding.UTF8.GetBytes(sb.ToString());
}

/// <summary>The benchmark's user: an officer with no HTTP context.</summary>
internal sealed class BenchUser : ICurrentUser
{
    public bool IsAuthenticated => true;

    public Guid? Id { get; } = Guid.NewGuid();

    public string? Email => "bench@smesupport.local";

    public Guid? EnterpriseId => null;

    public Guid? PartnerOrganizationId => null;

    public bool HasPermission(string permission) => true;
}
