using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SmeSupport.Data;
using SmeSupport.Domain;
using SmeSupport.Enterprises.Contracts;
using SmeSupport.Enterprises.Domain;
using SmeSupport.Enterprises.Persistence;
using SmeSupport.EntityFrameworkCore;
using SmeSupport.Outreach.Contracts;
using SmeSupport.Outreach.Delivery;
using SmeSupport.Outreach.Dispatching;
using SmeSupport.Outreach.Persistence;
using SmeSupport.Security;

namespace SmeSupport.Benchmarks;

/// <summary>
/// Benchmark of issue 6 (prints figures; not a unit test): one campaign run to N recipients (default 100,000) on a SQLite
/// file, through the real snapshot (CampaignRunFactory), dispatcher (claims, leases, settles) and official SendGrid client,
/// whose HTTP handler is an in-process fake answering 202 at once, so the figures measure our side only. Prints the
/// snapshot time, the outbox→accepted throughput (target ≥ 1,000 recipients/s), the time per 1,000-message batch, and
/// the peak managed heap and working set (memory must not grow with the audience: rows are streamed and written and
/// sent a chunk at a time).
/// By default the SendGrid stub is a real HTTP server on loopback (Kestrel on 127.0.0.1, an ephemeral port), so the
/// figures include serialising, sending and reading each request over TCP; <c>transport=inprocess</c> swaps in an
/// in-process handler to measure our side alone.
/// Usage: dotnet run -c Release --project test/SmeSupport.Benchmarks -- outreach [recipients=100000 runs=3 transport=loopback|inprocess]
/// or, to show memory stays flat as the audience grows, <c>outreach sizes=10000,50000,100000 runs=3</c> (one database,
/// topped up to each size in turn; a table per size at the end).
/// </summary>
internal static class OutreachBenchmark
{
    public static async Task RunAsync(string[] args)
    {
        var pairs = args.Select(a => a.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
        var sizes = pairs.TryGetValue("sizes", out var list)
            ? list.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(v => int.Parse(v, CultureInfo.InvariantCulture)).Order().ToList()
            : [pairs.TryGetValue("recipients", out var r) ? int.Parse(r, CultureInfo.InvariantCulture) : 100_000];
        var runs = pairs.TryGetValue("runs", out var n) ? int.Parse(n, CultureInfo.InvariantCulture) : 3;
        var folder = Path.Combine(Path.GetTempPath(), "smesupport-outreach-bench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        var handler = new Accepting202Handler();
        var loopback = !(pairs.TryGetValue("transport", out var transport) && transport == "inprocess");
        await using var stub = loopback ? await LoopbackSendGridStub.StartAsync(handler) : null;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Email:Provider"] = "SendGrid",
            ["SendGrid:ApiKey"] = "SG.bench",
            ["SendGrid:FromEmail"] = "chuyendoiso@sokhcn.example.vn",
            ["SendGrid:Host"] = stub?.BaseUrl ?? "http://sendgrid.bench.invalid",
            ["Outreach:PublicBaseUrl"] = "https://smesupport.example.vn",
            ["Outreach:Dispatcher:MaxBatchesPerRun"] = "1000000",
            ["Outreach:Dispatcher:BaseRetryDelay"] = "00:00:00",
            ["Outreach:Dispatcher:MaxRetryDelay"] = "00:00:00",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning).AddSimpleConsole(o => o.SingleLine = true));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<ICurrentUser, BenchUser>();
        services.AddDataProtection();
        var modules = SmeSupportModules.Create();
        services.AddSingleton(modules);
        foreach (var module in modules.Modules.Where(m => m.Name is "Enterprises" or "Trials" or "EInvoicing" or "Cases" or "Outreach"))
        {
            module.ConfigureServices(services, configuration);
        }

        services.AddSmeSupportEmail(configuration);
        if (!loopback)
        {
            services.AddHttpClient(SendGridEmailSender.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => handler);
        }
        services.AddSmeSupportDatabase(new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(folder, "bench.db")}"));
        await using var provider = services.BuildServiceProvider();

        Console.WriteLine($"SmeSupport outreach benchmark — {Environment.ProcessorCount} logical cores, .NET {Environment.Version}");
        Console.WriteLine(loopback
            ? $"Database: SQLite file in {folder}; SendGrid: official client over HTTP to a stub on loopback ({stub!.BaseUrl}) answering 202"
            : $"Database: SQLite file in {folder}; SendGrid: official client, in-process handler answering 202");
        var setup = Stopwatch.StartNew();
        using (var scope = provider.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<SmeSupportDbContext>().Database.EnsureCreatedAsync();
        }

        Console.WriteLine($"Load average at start: {LoadAverage()}");
        var seeded = 0;
        var table = new List<string>();
        foreach (var recipients in sizes)
        {
            setup.Restart();
            await SeedContactsAsync(provider, seeded, recipients - seeded);
            seeded = recipients;
            Console.WriteLine($"Setup: {recipients:N0} pilot enterprises with one consenting contact each (topped up in {setup.Elapsed.TotalSeconds:F1} s)");

            var snapshot = new List<double>();
            var throughput = new List<double>();
            var batchMedians = new List<double>();
            var batchP95s = new List<double>();
            var peakHeaps = new List<double>();
            var peakWorkingSets = new List<double>();
            for (var run = 1; run <= runs; run++)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                var baseline = GC.GetTotalMemory(true);
                using var sampler = new PeakSampler();
                handler.Reset();

                Guid campaignId;
                await using (var scope = provider.CreateAsyncScope())
                {
                    var service = scope.ServiceProvider.GetRequiredService<ICampaignAppService>();
                    var template = await service.CreateTemplateAsync(new CreateEmailTemplateDto
                    {
                        Name = $"Mẫu đo {recipients} {run}",
                        Purpose = CampaignPurpose.Service,
                        SubjectTemplate = "Kính gửi {{ enterprise.name }}",
                        HtmlTemplate = "<p>Xin chào {{ recipient.name }},</p><p>{{ sender.name }} thông báo lịch hỗ trợ chuyển đổi số cho {{ enterprise.name }}.</p>",
                        TextTemplate = "Xin chào {{ recipient.name }},\n{{ sender.name }} thông báo lịch hỗ trợ chuyển đổi số cho {{ enterprise.name }}.",
                    });
                    campaignId = (await service.CreateCampaignAsync(new CreateCampaignDto
                    {
                        Name = $"Chiến dịch đo {recipients} {run}", Purpose = CampaignPurpose.Service, TemplateId = template.Id,
                    })).Id;
                }

                var watch = Stopwatch.StartNew();
                CampaignSendAcceptedDto accepted;
                await using (var scope = provider.CreateAsyncScope())
                {
                    accepted = await scope.ServiceProvider.GetRequiredService<ICampaignAppService>().SendAsync(campaignId);
                }

                var snapshotSeconds = watch.Elapsed.TotalSeconds;
                watch.Restart();
                int sent;
                do
                {
                    await using var scope = provider.CreateAsyncScope();
                    sent = (await scope.ServiceProvider.GetRequiredService<OutreachDispatcher>().DispatchAsync()).Sent;
                }
                while (sent > 0);

                var dispatchSeconds = watch.Elapsed.TotalSeconds;
                int accepted202;
                await using (var scope = provider.CreateAsyncScope())
                {
                    accepted202 = await scope.ServiceProvider.GetRequiredService<OutreachDb>().OutboxMessages
                        .CountAsync(m => m.CampaignId == campaignId && m.Status == OutboxMessageStatus.Sent);
                }

                var batches = handler.BatchMilliseconds();
                var peak = (sampler.Stop() - baseline) / 1024.0 / 1024.0;
                var peakWs = sampler.PeakWorkingSet / 1024.0 / 1024.0;
                peakWorkingSets.Add(peakWs);
                snapshot.Add(snapshotSeconds);
                throughput.Add(accepted202 / dispatchSeconds);
                batchMedians.Add(Percentile(batches, 0.5));
                batchP95s.Add(Percentile(batches, 0.95));
                peakHeaps.Add(peak);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"Run {run}: queued {accepted.Recipients:N0} in {snapshotSeconds:F1} s ({accepted.Recipients / snapshotSeconds:N0}/s); "
                    + $"sent {accepted202:N0} in {dispatchSeconds:F1} s = {accepted202 / dispatchSeconds:N0} recipients/s; "
                    + $"{handler.Requests:N0} requests carrying {handler.Personalizations:N0} personalizations; "
                    + $"batch median {Percentile(batches, 0.5):F0} ms, p95 {Percentile(batches, 0.95):F0} ms; "
                    + $"peak managed heap above baseline {peak:F0} MB; peak working set {peakWs:F0} MB"));
                if (accepted202 != recipients || handler.Personalizations != recipients)
                {
                    Console.WriteLine($"  MISMATCH: expected {recipients:N0} accepted, each once");
                }
            }

            var medianThroughput = Median(throughput);
            var line = string.Create(CultureInfo.InvariantCulture,
                $"Outreach {recipients:N0} recipients, medians over {runs} runs: snapshot {Median(snapshot):F1} s; "
                + $"outbox→accepted {medianThroughput:N0} recipients/s (target ≥ 1,000/s; {medianThroughput / 1000:F1}× target); "
                + $"time per 1,000-message batch median {Median(batchMedians):F0} ms, p95 {Median(batchP95s):F0} ms; "
                + $"peak managed heap above baseline {Median(peakHeaps):F0} MB ({Median(peakHeaps) * 1024 * 1024 / recipients:F0} bytes per recipient); "
                + $"peak working set {Median(peakWorkingSets):F0} MB (process peak so far {Process.GetCurrentProcess().PeakWorkingSet64 / 1024.0 / 1024.0:F0} MB)");
            Console.WriteLine(line);
            table.Add(string.Create(CultureInfo.InvariantCulture,
                $"| {recipients,9:N0} | {medianThroughput,12:N0} | {Median(batchMedians),10:F0} | {Median(batchP95s),7:F0} | {Median(peakHeaps),13:F0} | {Median(peakWorkingSets),14:F0} |"));
        }

        Console.WriteLine();
        Console.WriteLine($"Memory against audience size (medians over {runs} runs each); load average at end: {LoadAverage()}");
        Console.WriteLine("| Recipients | Recipients/s | Batch p50 ms | p95 ms | Peak heap MB | Peak working MB |");
        Console.WriteLine("|-----------:|-------------:|-------------:|-------:|-------------:|----------------:|");
        table.ForEach(Console.WriteLine);
        try
        {
            SqliteCleanup(folder);
        }
        catch (IOException)
        {
        }
    }

    private static void SqliteCleanup(string folder)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    private static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "n/a";
        }
    }

    private static async Task SeedContactsAsync(IServiceProvider provider, int from, int add)
    {
        const int batch = 10_000;
        var seq = 3_000_000 + (from * 2);
        var now = DateTimeOffset.UtcNow;
        var count = from + add;
        for (var start = from; start < count; start += batch)
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

                var e = new Enterprise { TaxCode = code, LegalForm = LegalForm.SingleMemberLlc, ProvinceCode = 25, WardCode = 1, ProgrammeStatus = ProgrammeStatus.Pilot };
                e.SetNames($"Công ty TNHH Thử nghiệm số {i}", null);
                e.SetFigures(10, 1_000_000_000m, 500_000_000m);
                edb.Enterprises.Add(e);
                var contact = new Contact
                {
                    EnterpriseId = e.Id,
                    FullName = $"Nguyễn Văn Thử {i}",
                    FullNameFolded = $"nguyen van thu {i}",
                    Email = $"giamdoc{i}@congty{i}.example.com",
                };
                edb.Contacts.Add(contact);
                edb.ContactConsents.Add(new ContactConsent { ContactId = contact.Id, Purpose = ConsentPurpose.Service, GrantedAt = now, GrantedVia = ConsentChannels.Import });
            }

            await edb.Context.SaveChangesAsync();
        }
    }

    private static double Median(List<double> values) => Percentile(values, 0.5);

    private static double Percentile(List<double> values, double p)
    {
        if (values.Count == 0)
        {
            return 0;
        }

        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    /// <summary>Samples the managed heap every 20 ms and keeps the peak.</summary>
    private sealed class PeakSampler : IDisposable
    {
        private readonly Timer _timer;
        private long _peak;
        private long _peakWorkingSet;

        /// <summary>The highest working set (bytes) seen while sampling.</summary>
        public long PeakWorkingSet => Interlocked.Read(ref _peakWorkingSet);

        public PeakSampler() => _timer = new Timer(_ => Sample(), null, 0, 20);

        public long Stop()
        {
            _timer.Dispose();
            Sample();
            return Interlocked.Read(ref _peak);
        }

        public void Dispose() => _timer.Dispose();

        private void Sample()
        {
            var now = GC.GetTotalMemory(false);
            var ws = Environment.WorkingSet;
            long seen;
            while (ws > (seen = Interlocked.Read(ref _peakWorkingSet)) && Interlocked.CompareExchange(ref _peakWorkingSet, ws, seen) != seen)
            {
            }

            while (now > (seen = Interlocked.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, now, seen) != seen)
            {
            }
        }
    }

    /// <summary>Answers every request 202 at once, counting requests and personalizations and timing each request's turn.</summary>
    private sealed class Accepting202Handler : HttpMessageHandler
    {
        private readonly List<double> _batchMs = [];
        private long _last = Stopwatch.GetTimestamp();
        private int _requests;
        private int _personalizations;

        public int Requests => _requests;

        public int Personalizations => _personalizations;

        public void Reset()
        {
            lock (_batchMs)
            {
                _batchMs.Clear();
                _last = Stopwatch.GetTimestamp();
            }

            _requests = 0;
            _personalizations = 0;
        }

        /// <summary>Time between consecutive requests: one batch's claim, render, send and settle on our side.</summary>
        public List<double> BatchMilliseconds()
        {
            lock (_batchMs)
            {
                return [.. _batchMs.Skip(1)];
            }
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Record(await request.Content!.ReadAsByteArrayAsync(cancellationToken));
            var response = new HttpResponseMessage(HttpStatusCode.Accepted) { Content = new ByteArrayContent([]) };
            response.Headers.Add("X-Message-Id", Guid.NewGuid().ToString("N"));
            return response;
        }

        /// <summary>Counts one request body's personalizations and the time since the previous request.</summary>
        public void Record(ReadOnlySpan<byte> body)
        {
            var count = Count(body, "\"custom_args\""u8);
            Interlocked.Increment(ref _requests);
            Interlocked.Add(ref _personalizations, count);
            lock (_batchMs)
            {
                var now = Stopwatch.GetTimestamp();
                _batchMs.Add(Stopwatch.GetElapsedTime(_last, now).TotalMilliseconds);
                _last = now;
            }
        }

        private static int Count(ReadOnlySpan<byte> body, ReadOnlySpan<byte> needle)
        {
            var n = 0;
            int at;
            while ((at = body.IndexOf(needle)) >= 0)
            {
                n++;
                body = body[(at + needle.Length)..];
            }

            return n;
        }
    }

    /// <summary>
    /// A SendGrid v3 stub on loopback: Kestrel on 127.0.0.1 with an ephemeral port, answering <c>POST /v3/mail/send</c>
    /// with 202 and an <c>X-Message-Id</c>, counting through <see cref="Accepting202Handler.Record"/>.
    /// </summary>
    private sealed class LoopbackSendGridStub : IAsyncDisposable
    {
        private readonly Microsoft.AspNetCore.Builder.WebApplication _app;

        private LoopbackSendGridStub(Microsoft.AspNetCore.Builder.WebApplication app, string baseUrl)
        {
            _app = app;
            BaseUrl = baseUrl;
        }

        /// <summary>The stub's base address, e.g. <c>http://127.0.0.1:41234</c>.</summary>
        public string BaseUrl { get; }

        public static async Task<LoopbackSendGridStub> StartAsync(Accepting202Handler counter)
        {
            var builder = Microsoft.AspNetCore.Builder.WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = 64L * 1024 * 1024);
            var app = builder.Build();
            app.MapPost("/v3/mail/send", async (Microsoft.AspNetCore.Http.HttpContext context) =>
            {
                using var buffer = new MemoryStream();
                await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
                counter.Record(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
                context.Response.StatusCode = StatusCodes.Status202Accepted;
                context.Response.Headers["X-Message-Id"] = Guid.NewGuid().ToString("N");
            });
            await app.StartAsync();
            var address = app.Urls.First();
            return new LoopbackSendGridStub(app, address);
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
