using System.Net;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SmeSupport.Emailing;
using SmeSupport.TestBase;
using static SmeSupport.Identity.Tests.Support.IdentityTestSupport;

namespace SmeSupport.Identity.Tests.Api;

/// <summary>
/// The e-mail sender refuses the invitation (as SendGrid does with 4xx/5xx): the API answers 503
/// <c>InvitationNotSent</c> and keeps no account, so the same invitation can be repeated later.
/// </summary>
public sealed class InvitationNotSentTests(InvitationNotSentTests.RefusingSenderFactory app) : IClassFixture<InvitationNotSentTests.RefusingSenderFactory>
{
    [Fact]
    public async Task Refused_invitation_email_is_503_and_leaves_no_account_so_it_can_be_repeated()
    {
        var admin = await app.CreateAdminClientAsync();
        var email = NewEmail();
        var before = app.Scalar("SELECT COUNT(*) FROM AspNetUsers");
        app.Sender.Refuse = true;

        var refused = await InviteAsync(admin, email, null, SmeSupportAppFactory.Roles.Officer);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("SmeSupport:Identity:InvitationNotSent", (await ProblemAsync(refused)).Code);
        Assert.Equal(before, app.Scalar("SELECT COUNT(*) FROM AspNetUsers"));
        Assert.Equal(0, app.Scalar("SELECT COUNT(*) FROM AspNetUserRoles WHERE UserId NOT IN (SELECT Id FROM AspNetUsers)"));

        app.Sender.Refuse = false;
        Assert.Equal(HttpStatusCode.Created, (await InviteAsync(admin, email, null, SmeSupportAppFactory.Roles.Officer)).StatusCode);
        Assert.Equal(before + 1, app.Scalar("SELECT COUNT(*) FROM AspNetUsers"));
    }

    /// <summary>The app with an <see cref="IEmailSender"/> that refuses while <see cref="SwitchableSender.Refuse"/> is set.</summary>
    public sealed class RefusingSenderFactory : SmeSupportAppFactory
    {
        public SwitchableSender Sender { get; } = new();

        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(s => s.RemoveAll<IEmailSender>().AddSingleton<IEmailSender>(Sender));
        }
    }

    /// <summary>Accepts (without sending) or refuses like a provider answering 500.</summary>
    public sealed class SwitchableSender : IEmailSender
    {
        private volatile bool _refuse;

        public bool Refuse
        {
            get => _refuse;
            set => _refuse = value;
        }

        public int MaxBatchSize => 1000;

        public Task<IReadOnlyList<EmailSendResult>> SendAsync(IReadOnlyList<EmailMessage> messages, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<EmailSendResult>>(messages
                .Select(m => Refuse
                    ? new EmailSendResult(m.MessageId, false, null, 500, "Provider answered 500", Retryable: true)
                    : new EmailSendResult(m.MessageId, true, "stub", 202))
                .ToList());
    }
}
