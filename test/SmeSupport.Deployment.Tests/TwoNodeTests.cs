using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Hangfire;
using Hangfire.Storage.SQLite;
using MimeKit;
using SmeSupport.Outreach.Contracts;
using SmeSupport.TestBase;
using Xunit.Abstractions;

namespace SmeSupport.Deployment.Tests;

/// <summary>
/// Two host processes on one SQLite database and one job storage, started as an operator would: the DbMigrator first
/// (migrations, seeds, the data-protection key, Hangfire's schema), then both nodes in Production (no migration of
/// their own). The data-protection keys live in the database, so cookies and tokens cross nodes.
/// </summary>
public sealed class TwoNodes : IAsyncLifetime
{
    private readonly TempFolder _folder = new();

    public AppProcess A { get; private set; } = null!;

    public AppProcess B { get; private set; } = null!;

    public string Outbox => _folder.File("outbox");

    public string JobsDatabase => _folder.File("jobs.db");

    /// <summary>Seconds from the DbMigrator's start until both nodes were ready.</summary>
    public TimeSpan StartUp { get; private set; }

    public async Task InitializeAsync()
    {
        var watch = Stopwatch.StartNew();
        await SmeSupportAppFactory.CopySeededDatabaseAsync(_folder.File("smesupport.db"));
        var env = Settings.Production(_folder);
        // Small claims, one claim per pass: the dispatcher passes of both nodes interleave on the outbox.
        env["Outreach__Dispatcher__BatchSize"] = "2";
        env["Outreach__Dispatcher__MaxBatchesPerRun"] = "1";

        var migrator = await AppProcess.RunDbMigratorAsync(env, Settings.StartTimeout);
        Assert.True(migrator.ExitCode == 0, $"DbMigrator: {migrator.ExitCode}\n{migrator.Stdout}\n{migrator.Stderr}");

        var nodes = await Task.WhenAll(AppProcess.StartHostReadyAsync(env, Settings.StartTimeout), AppProcess.StartHostReadyAsync(env, Settings.StartTimeout));
        (A, B) = (nodes[0], nodes[1]);
        StartUp = watch.Elapsed;
    }

    public async Task DisposeAsync()
    {
        await Task.WhenAll(A?.DisposeAsync().AsTask() ?? Task.CompletedTask, B?.DisposeAsync().AsTask() ?? Task.CompletedTask);
        _folder.Dispose();
    }
}

/// <summary>Several nodes behave as one (issue 8): shared keys, shared job storage, exactly-once outreach on the database.</summary>
public sealed partial class TwoNodeTests(TwoNodes nodes, ITestOutputHelper output) : IClassFixture<TwoNodes>
{
    [Fact]
    public async Task Both_Hangfire_servers_register_in_the_shared_job_storage_and_both_nodes_are_ready()
    {
        output.WriteLine($"DbMigrator + two nodes ready in {nodes.StartUp.TotalSeconds:0.0} s");
        foreach (var node in new[] { nodes.A, nodes.B })
        {
            using var client = node.CreateClient();
            var live = await client.GetAsync("health/live");
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
            Assert.Empty((await live.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("checks").EnumerateObject());

            string? jobs = null;
            var both = await Settings.EventuallyAsync(async () =>
            {
                var ready = await client.GetFromJsonAsync<JsonElement>("health/ready");
                Assert.Equal("Healthy", ready.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
                jobs = ready.GetProperty("checks").GetProperty("jobs").GetProperty("description").GetString();
                return jobs == "2 job server(s)";
            }, TimeSpan.FromSeconds(30));
            Assert.True(both, $"Job storage reports: {jobs}");
        }
    }

    [Fact]
    public async Task A_bearer_token_issued_by_one_node_works_on_the_other()
    {
        using var a = nodes.A.CreateClient();
        using var b = nodes.B.CreateClient();
        var fromA = await Settings.TokenAsync(a);
        var fromB = await Settings.TokenAsync(b);

        var onB = await b.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/enterprises?page=1&pageSize=1").WithBearer(fromA));
        var onA = await a.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/enterprises?page=1&pageSize=1").WithBearer(fromB));
        var forged = await b.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/enterprises?page=1&pageSize=1").WithBearer(fromA[..^4] + "AAAA"));

        Assert.Equal(HttpStatusCode.OK, onB.StatusCode);
        Assert.Equal(HttpStatusCode.OK, onA.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
    }

    [Fact]
    public async Task An_auth_cookie_issued_by_one_node_works_on_the_other()
    {
        using var a = nodes.A.CreateClient();
        using var b = nodes.B.CreateClient();

        // Sign in through the login page of node A (antiforgery token and cookie, then the form).
        var page = await a.GetAsync("/Account/Login");
        var html = await page.Content.ReadAsStringAsync();
        var token = AntiforgeryField().Match(html).Groups[1].Value;
        var antiforgeryCookie = Cookies(page).Single(c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));
        var post = new HttpRequestMessage(HttpMethod.Post, "/Account/Login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.Email"] = SmeSupportAppFactory.AdminEmail,
                ["Input.Password"] = SmeSupportAppFactory.AdminPassword,
                ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            }),
        };
        post.Headers.Add("Cookie", antiforgeryCookie);
        var signedIn = await a.SendAsync(post);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var auth = Cookies(signedIn).Single(c => c.StartsWith("SmeSupport.Auth=", StringComparison.Ordinal));

        var withoutCookie = await b.GetAsync("/");
        var dashboard = new HttpRequestMessage(HttpMethod.Get, "/");
        dashboard.Headers.Add("Cookie", auth);
        var withCookie = await b.SendAsync(dashboard);
        var api = new HttpRequestMessage(HttpMethod.Get, "/api/reporting/dashboard");
        api.Headers.Add("Cookie", auth);
        var apiWithCookie = await b.SendAsync(api);

        Assert.Equal(HttpStatusCode.Redirect, withoutCookie.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withCookie.StatusCode);
        Assert.Equal(HttpStatusCode.OK, apiWithCookie.StatusCode);
    }

    [Fact]
    public async Task An_outreach_send_queued_on_one_node_is_delivered_exactly_once_by_the_dispatchers_of_both()
    {
        using var a = nodes.A.CreateClient();
        using var b = nodes.B.CreateClient();
        var token = await Settings.TokenAsync(a);
        Assert.True(await Settings.EventuallyAsync(async () =>
                (await b.GetFromJsonAsync<JsonElement>("health/ready")).GetProperty("checks").GetProperty("jobs").GetProperty("description").GetString() == "2 job server(s)",
            TimeSpan.FromSeconds(30)), "Both job servers must run before the send.");
        var campaigns = await (await a.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/outreach/campaigns").WithBearer(token)))
            .Content.ReadFromJsonAsync<JsonElement>();
        var campaignId = campaigns.EnumerateArray().First().GetProperty("id").GetGuid();

        var watch = Stopwatch.StartNew();
        var send = await a.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"/api/outreach/campaigns/{campaignId}/send").WithBearer(token));
        Assert.Equal(HttpStatusCode.Accepted, send.StatusCode);
        var recipients = (await send.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("recipients").GetInt32();
        Assert.True(recipients >= 100, $"{recipients} recipients");

        // The send enqueued one dispatcher job; enqueue more into the shared storage, as overlapping recurring runs or a
        // job run twice by the storage would: the workers of both nodes take them and claim up to 2 messages per pass (fewer when the other node took some of the candidates), so delivery spans many passes on both nodes.
        EnqueueDispatcherJobs(nodes.JobsDatabase, recipients);

        JsonElement counts = default;
        var settled = await Settings.EventuallyAsync(async () =>
        {
            var runs = await (await b.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/api/outreach/campaigns/{campaignId}/runs").WithBearer(token)))
                .Content.ReadFromJsonAsync<JsonElement>();
            counts = runs.EnumerateArray().Single().GetProperty("counts");
            return counts.GetProperty("pending").GetInt32() == 0 && counts.GetProperty("sending").GetInt32() == 0;
        }, TimeSpan.FromSeconds(240)); // ~100 passes of 2 on two nodes: 30–60 s on a quiet machine, seen over 90 s on a busy one
        Assert.True(settled, $"Not delivered in time: {counts}");
        output.WriteLine($"{recipients} messages delivered by two nodes in {watch.Elapsed.TotalSeconds:0.0} s");

        Assert.Equal(recipients, counts.GetProperty("sent").GetInt32());
        Assert.Equal(0, counts.GetProperty("failed").GetInt32());
        Assert.Equal(0, counts.GetProperty("unknown").GetInt32());

        // The outbox also receives other modules' mail (e.g. case SLA notices): count the campaign's messages.
        var campaignMail = Directory.GetFiles(nodes.Outbox, "*.eml").Select(f => MimeMessage.Load(f))
            .Where(m => m.Headers.Any(h => h.Field == FileOutboxCategoryHeader && h.Value == "outreach-service")).ToList();
        Assert.Equal(recipients, campaignMail.Count);
        var addresses = campaignMail.Select(m => m.To.Mailboxes.Single().Address.ToLowerInvariant()).ToList();
        Assert.Equal(recipients, addresses.Distinct().Count());

        // Both nodes' dispatchers delivered part of the run (read from each node's JSON log).
        var sentByA = 0;
        var sentByB = 0;
        await Settings.EventuallyAsync(() =>
        {
            (sentByA, sentByB) = (SentBy(nodes.A), SentBy(nodes.B));
            return Task.FromResult(sentByA + sentByB == recipients);
        }, TimeSpan.FromSeconds(10));
        output.WriteLine($"Sent by node A: {sentByA}, by node B: {sentByB} (from the passes that logged a summary)");
        foreach (var (name, node) in new[] { ("A", nodes.A), ("B", nodes.B) })
        {
            foreach (var problem in Settings.JsonLog(node.Stdout).Where(e => e.TryGetProperty("@l", out var level) && level.GetString() is "Error" or "Fatal"))
            {
                output.WriteLine($"{name}: {problem}");
            }
        }

        Assert.True(sentByA > 0 && sentByB > 0, $"Only one node dispatched: A {sentByA}, B {sentByB}");
    }

    /// <summary>The file outbox's category header (<c>FileOutboxEmailSender.CategoryHeader</c>, internal to Outreach).</summary>
    private const string FileOutboxCategoryHeader = "X-SmeSupport-Category";

    private static void EnqueueDispatcherJobs(string jobsDatabase, int count)
    {
        GlobalConfiguration.Configuration.UseSimpleAssemblyNameTypeSerializer().UseRecommendedSerializerSettings();
        using var storage = new SQLiteStorage(jobsDatabase, new SQLiteStorageOptions());
        var client = new BackgroundJobClient(storage);
        for (var i = 0; i < count; i++)
        {
            client.Enqueue<OutreachDispatchJob>(j => j.RunAsync(CancellationToken.None));
        }
    }

    private static int SentBy(AppProcess node) => Settings.JsonLog(node.Stdout)
        .Where(e => e.TryGetProperty("@mt", out var mt) && mt.GetString() == "Outreach dispatch: {@Summary}")
        .Sum(e => e.GetProperty("Summary").GetProperty("Sent").GetInt32());

    private static IEnumerable<string> Cookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values.Select(v => v.Split(';')[0]) : [];

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
