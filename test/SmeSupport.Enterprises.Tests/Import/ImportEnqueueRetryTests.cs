using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SmeSupport.Enterprises.Contracts;
using SmeSupport.Enterprises.Tests.Support;
using SmeSupport.TestBase;

namespace SmeSupport.Enterprises.Tests.Import;

/// <summary>
/// A job store that fails to take a job (the embedded SQLite store timing out on its locks on a very busy machine): submitting an
/// import tries a few times before answering 503, and the batch is kept, queued, either way.
/// </summary>
public sealed class ImportEnqueueRetryTests(ImportEnqueueRetryTests.Factory app) : IClassFixture<ImportEnqueueRetryTests.Factory>
{
    /// <summary>The app with a job client that fails the first <see cref="FlakyJobClient.FailuresLeft"/> times.</summary>
    public sealed class Factory : SmeSupportAppFactory
    {
        /// <summary>The job client the app uses.</summary>
        public FlakyJobClient Jobs { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(s => s.Replace(ServiceDescriptor.Singleton<IBackgroundJobClient>(Jobs)));
        }
    }

    /// <summary>Fails <see cref="FailuresLeft"/> times as Hangfire's client does, then records the jobs it is given.</summary>
    public sealed class FlakyJobClient : IBackgroundJobClient
    {
        private readonly Lock _gate = new();

        public int FailuresLeft { get; set; }

        public int Calls { get; private set; }

        public List<Job> Created { get; } = [];

        public string Create(Job job, IState state)
        {
            lock (_gate)
            {
                Calls++;
                if (FailuresLeft > 0)
                {
                    FailuresLeft--;
                    throw new BackgroundJobClientException("Background job creation failed. See inner exception for details.",
                        new TimeoutException("The lock request timed out."));
                }

                Created.Add(job);
                return Created.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        public bool ChangeState(string jobId, IState state, string expectedState) => true;
    }

    private static byte[] File(string taxCode) => ImportTestSupport.Csv(
    [
        ["Tax code", "Name", "Legal form", "Commune/ward"],
        [taxCode, "Công ty TNHH Hàng Đợi", "Joint stock company", "7900"],
    ]);

    [Fact]
    public async Task A_job_store_that_fails_twice_then_takes_the_job_gives_202_and_one_queued_job()
    {
        var admin = await app.CreateAdminClientAsync();
        lock (app.Jobs)
        {
            app.Jobs.FailuresLeft = 2;
            app.Jobs.Created.Clear();
        }

        var callsBefore = app.Jobs.Calls;
        var response = await admin.PostFileAsync("/api/enterprises/imports", File(TestData.NewTaxCode()), "retry.csv");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = (await response.Json()).GetProperty("id").GetGuid();
        Assert.Equal(3, app.Jobs.Calls - callsBefore);
        var job = Assert.Single(app.Jobs.Created);
        Assert.Equal(typeof(EnterpriseImportJob), job.Type);
        Assert.Equal(id, job.Args[0]);
    }

    [Fact]
    public async Task A_job_store_that_keeps_failing_gives_503_and_keeps_the_batch_queued_with_nothing_imported()
    {
        var admin = await app.CreateAdminClientAsync();
        var taxCode = TestData.NewTaxCode();
        app.Jobs.FailuresLeft = 100;
        var callsBefore = app.Jobs.Calls;
        try
        {
            var response = await admin.PostFileAsync("/api/enterprises/imports", File(taxCode), "down.csv");

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal(4, app.Jobs.Calls - callsBefore);
            var problem = await response.Json();
            Assert.DoesNotContain("Exception", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
        finally
        {
            app.Jobs.FailuresLeft = 0;
        }

        var history = await admin.GetFromJsonAsync<JsonElement>("/api/enterprises/imports");
        var kept = history.GetProperty("items").EnumerateArray().Single(b => b.GetProperty("fileName").GetString() == "down.csv");
        Assert.Equal("Queued", kept.GetProperty("status").GetString());
        Assert.Equal(0L, app.Scalar($"SELECT COUNT(*) FROM Enterprises WHERE TaxCode = '{taxCode}'"));
    }
}
