using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SmeSupport.Enterprises.Contracts;
using SmeSupport.Outreach.Application;
using SmeSupport.Outreach.Contracts;
using SmeSupport.Outreach.Delivery;
using SmeSupport.Outreach.Dispatching;
using SmeSupport.Outreach.Persistence;
using SmeSupport.Outreach.Tests.Delivery;
using SmeSupport.Security;

namespace SmeSupport.Outreach.Tests.Campaigns;

/// <summary>
/// The Outreach module on its own: its services as the module registers them, its model in a SQLite file of its own
/// (as the host's SQLite context stores it: DateTimeOffset as a sortable integer, WAL, busy timeout), a fake clock,
/// a fake contact directory, and the real e-mail senders (file outbox or SendGrid against the stub).
/// </summary>
internal sealed class OutreachHarness : IDisposable
{
    private readonly TempFolder _folder = new();

    public OutreachHarness(Dictionary<string, string?>? settings = null, SmeSupport.TestBase.SendGrid.SendGridStubServer? sendGrid = null,
        Action<IServiceCollection>? configure = null)
    {
        OutboxPath = Path.Combine(_folder.Path, "outbox");
        var values = new Dictionary<string, string?>
        {
            ["Email:Provider"] = "File",
            ["Email:OutboxPath"] = OutboxPath,
            ["Email:FromEmail"] = Senders.FromEmail,
            ["Outreach:PublicBaseUrl"] = "https://smesupport.example.vn",
            ["Outreach:Dispatcher:BaseRetryDelay"] = "00:00:00",
            ["Outreach:Dispatcher:MaxRetryDelay"] = "00:00:00",
        };
        if (sendGrid is not null)
        {
            values["Email:Provider"] = "SendGrid";
            values["SendGrid:ApiKey"] = "SG.test";
            values["SendGrid:FromEmail"] = Senders.FromEmail;
            values["SendGrid:FromName"] = Senders.FromName;
            values["SendGrid:Host"] = sendGrid.Url;
            // Generous: a 1,000-personalization request to the stub took over 5 s on a machine loaded to 40 (a test that wants a
            // time-out sets its own, shorter than the stub's delay).
            values["SendGrid:TimeoutSeconds"] = "30";
        }

        foreach (var (k, v) in settings ?? [])
        {
            values[k] = v;
        }

        var config = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(Clock);
        services.AddSingleton<IConfiguration>(config);
        configure?.Invoke(services);
        services.AddSmeSupportEmail(config);
        services.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider());
        services.AddSingleton(Directory);
        services.AddSingleton<IEnterpriseContactDirectory>(sp => sp.GetRequiredService<FakeContactDirectory>());
        services.AddSingleton(Segments);
        services.AddSingleton<SmeSupport.Enterprises.Contracts.IEnterpriseSegmentQuery>(sp => sp.GetRequiredService<FakeSegmentSources>());
        services.AddSingleton<SmeSupport.Trials.Contracts.ITrialSegmentQuery>(sp => sp.GetRequiredService<FakeSegmentSources>());
        services.AddSingleton<SmeSupport.EInvoicing.Contracts.IEInvoiceSegmentQuery>(sp => sp.GetRequiredService<FakeSegmentSources>());
        services.AddSingleton<SmeSupport.Cases.Contracts.ICaseSegmentQuery>(sp => sp.GetRequiredService<FakeSegmentSources>());
        services.AddSingleton(MailMerge);
        services.AddSingleton<IEnterpriseMailMergeQuery>(sp => sp.GetRequiredService<FakeMailMergeSources>());
        services.AddSingleton<SmeSupport.Trials.Contracts.ITrialMailMergeQuery>(sp => sp.GetRequiredService<FakeMailMergeSources>());
        services.AddSingleton<SmeSupport.EInvoicing.Contracts.IEInvoiceMailMergeQuery>(sp => sp.GetRequiredService<FakeMailMergeSources>());
        services.AddSingleton<IAdministrativeUnitAppService>(sp => sp.GetRequiredService<FakeSegmentSources>());
        services.AddSingleton<IEnterpriseCohortLookup>(sp => sp.GetRequiredService<FakeSegmentSources>());
        services.AddSingleton<SmeSupport.Trials.Contracts.IPlatformAppService>(sp => sp.GetRequiredService<FakeSegmentSources>());
        services.AddSingleton(Consents);
        services.AddSingleton<IContactConsentWriter>(sp => sp.GetRequiredService<FakeConsentWriter>());
        services.AddSingleton(CurrentUser);
        services.AddSingleton<ICurrentUser>(sp => sp.GetRequiredService<FakeCurrentUser>());
        var connection = $"Data Source={Path.Combine(_folder.Path, "outreach.db")};Pooling=False";
        services.AddDbContext<OutreachTestContext>(o => o.UseSqlite(connection).AddInterceptors(new Pragmas()));
        services.AddScoped<DbContext>(sp => sp.GetRequiredService<OutreachTestContext>());
        new OutreachModule().ConfigureServices(services, config);
        services.AddSingleton<IDispatchTrigger>(Trigger);
        Services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });

        using var scope = Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<OutreachTestContext>().Database.EnsureCreated();
    }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 20, 2, 0, 0, TimeSpan.Zero));

    public FakeContactDirectory Directory { get; } = new();

    public FakeCurrentUser CurrentUser { get; } = new();

    public FakeConsentWriter Consents { get; } = new();

    public FakeSegmentSources Segments { get; } = new();

    public FakeMailMergeSources MailMerge => _mailMerge ??= new FakeMailMergeSources(Directory);

    private FakeMailMergeSources? _mailMerge;

    public CountingTrigger Trigger { get; } = new();

    public ServiceProvider Services { get; }

    public string OutboxPath { get; }

    public string[] EmlFiles() => System.IO.Directory.Exists(OutboxPath) ? System.IO.Directory.GetFiles(OutboxPath, "*.eml") : [];

    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    public Task<DispatchSummary> DispatchAsync() => InScopeAsync(sp => sp.GetRequiredService<OutreachDispatcher>().DispatchAsync());

    public Task<List<T>> QueryAsync<T>(Func<OutreachDb, IQueryable<T>> query) =>
        InScopeAsync(sp => query(sp.GetRequiredService<OutreachDb>()).ToListAsync());

    public Task<EmailTemplateDto> CreateTemplateAsync(CampaignPurpose purpose, string name = "Mẫu thử") =>
        InScopeAsync(sp => sp.GetRequiredService<ICampaignAppService>().CreateTemplateAsync(new CreateEmailTemplateDto
        {
            Name = name,
            Purpose = purpose,
            SubjectTemplate = "Kính gửi {{ enterprise.name }}",
            HtmlTemplate = "<html><body><p>Xin chào {{ recipient.name }} — {{ campaign.name }}</p></body></html>",
            TextTemplate = "Xin chào {{ recipient.name }} — {{ campaign.name }}",
        }));

    public async Task<CampaignDto> CreateCampaignAsync(CampaignPurpose purpose, string name, DateTime? scheduledAtLocal = null)
    {
        var template = await CreateTemplateAsync(purpose, "Mẫu " + name);
        return await InScopeAsync(sp => sp.GetRequiredService<ICampaignAppService>().CreateCampaignAsync(new CreateCampaignDto
        {
            Name = name,
            Purpose = purpose,
            TemplateId = template.Id,
            ScheduledAtLocal = scheduledAtLocal,
        }));
    }

    public Task<CampaignSendAcceptedDto> SendAsync(Guid campaignId) =>
        InScopeAsync(sp => sp.GetRequiredService<ICampaignAppService>().SendAsync(campaignId));

    public void Dispose()
    {
        Services.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    private sealed class Pragmas : DbConnectionInterceptor
    {
        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
        {
            using var cmd = connection.CreateCommand();
            cmd.CommandText = "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=10000;";
            cmd.ExecuteNonQuery();
        }

        public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            await using var cmd = connection.CreateCommand();
            cmd.CommandText = "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=10000;";
            await cmd.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}

/// <summary>The Outreach model alone, stored as the host's SQLite context stores it.</summary>
internal sealed class OutreachTestContext(DbContextOptions<OutreachTestContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder) => OutreachModel.Configure(modelBuilder);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}

internal sealed class FakeContactDirectory : IEnterpriseContactDirectory
{
    public List<ContactRecipientDto> Contacts { get; } = [];

    /// <summary>Programme statuses the stream filters on (an enterprise not listed is a Prospect); empty: no filtering.</summary>
    public Dictionary<Guid, ProgrammeStatus> ProgrammeStatuses { get; set; } = [];

    public ContactRecipientDto Add(int i, bool service = true, bool advertising = true, string? email = null)
    {
        var c = new ContactRecipientDto(Guid.CreateVersion7(), Guid.CreateVersion7(), $"Công ty TNHH Hùng Vương {i}", $"Nguyễn Văn Đông {i}",
            email ?? $"giamdoc{i}@congty{i}.example.com", service, advertising);
        Contacts.Add(c);
        return c;
    }

    public void AddMany(int count, bool service = true, bool advertising = true)
    {
        for (var i = 1; i <= count; i++)
        {
            Add(Contacts.Count + 1, service, advertising);
        }
    }

    public async IAsyncEnumerable<ContactRecipientDto> StreamRecipientsAsync(IReadOnlyCollection<ProgrammeStatus>? statuses,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var c in Contacts.OrderBy(c => c.ContactId))
        {
            if (statuses is { Count: > 0 } && ProgrammeStatuses.Count > 0
                && !statuses.Contains(ProgrammeStatuses.GetValueOrDefault(c.EnterpriseId, ProgrammeStatus.Prospect)))
            {
                continue;
            }

            await Task.Yield();
            yield return c;
        }
    }

    public Task<IReadOnlyList<ContactRecipientDto>> GetRecipientsAsync(IReadOnlyCollection<Guid> contactIds, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ContactRecipientDto>>(Contacts.Where(c => contactIds.Contains(c.ContactId)).ToList());
}

/// <summary>Records the withdrawals the module asks the Enterprises module for (the real writer is tested through the API).</summary>
internal sealed class FakeConsentWriter : IContactConsentWriter
{
    public List<(Guid ContactId, ConsentPurpose Purpose, string Via)> Withdrawals { get; } = [];

    public Task<bool> WithdrawAsync(Guid contactId, ConsentPurpose purpose, string via, string? actor = null, CancellationToken cancellationToken = default)
    {
        lock (Withdrawals)
        {
            Withdrawals.Add((contactId, purpose, via));
        }

        return Task.FromResult(true);
    }
}

internal sealed class FakeCurrentUser : ICurrentUser
{
    public HashSet<string> Permissions { get; } = [OutreachPermissions.Default, OutreachPermissions.Manage];

    public bool IsAuthenticated => true;

    public Guid? Id { get; } = Guid.CreateVersion7();

    public string? Email => "canbo@sokhcn.example.vn";

    public Guid? EnterpriseId => null;

    public Guid? PartnerOrganizationId => null;

    public bool HasPermission(string permission) => Permissions.Contains(permission);
}

internal sealed class CountingTrigger : IDispatchTrigger
{
    public int Count { get; private set; }

    public void Trigger() => Count++;
}
