using Microsoft.Extensions.Options;
using SmeSupport.EInvoicing.Contracts;
using SmeSupport.Enterprises.Contracts;
using SmeSupport.Outreach.Contracts;
using SmeSupport.Trials.Contracts;

namespace SmeSupport.Outreach.Application;

/// <summary>The facts of a set of enterprises that fill the placeholders, read once per chunk of recipients.</summary>
/// <param name="Enterprises">Enterprise facts by id.</param>
/// <param name="Trials">The trial quoted, by enterprise id.</param>
/// <param name="EInvoices">E-invoice adoption by enterprise id (absent: NotRegistered).</param>
internal sealed record MailMergeFacts(IReadOnlyDictionary<Guid, EnterpriseMailMergeDto> Enterprises,
    IReadOnlyDictionary<Guid, TrialMailMergeDto> Trials, IReadOnlyDictionary<Guid, EInvoiceMailMergeDto> EInvoices);

/// <summary>
/// Builds <see cref="TemplateModel"/>s from the other modules' Contracts (Enterprises, Trials, EInvoicing), in batches:
/// the trial quoted is the one that made the enterprise match the segment's trial rules, else its latest active trial.
/// </summary>
internal sealed class TemplateModelSource(
    IEnterpriseMailMergeQuery enterprises,
    ITrialMailMergeQuery trials,
    IEInvoiceMailMergeQuery einvoices,
    IOptions<OutreachOptions> options)
{
    /// <summary>Reads the facts of these enterprises.</summary>
    /// <param name="enterpriseIds">The enterprises.</param>
    /// <param name="rules">The segment's rules (their trial rules pick the trial), or null.</param>
    /// <param name="cancellationToken">Cancels.</param>
    public async Task<MailMergeFacts> LoadAsync(IReadOnlyCollection<Guid> enterpriseIds, SegmentRulesDto? rules, CancellationToken cancellationToken)
    {
        var e = await enterprises.GetAsync(enterpriseIds, cancellationToken);
        var t = await trials.GetAsync(enterpriseIds, rules?.TrialStatuses, rules?.TrialPlatformId, rules?.TrialEndsWithinDays, cancellationToken);
        var i = await einvoices.GetAsync(enterpriseIds, cancellationToken);
        return new MailMergeFacts(e, t, i);
    }

    /// <summary>The model of one recipient.</summary>
    public TemplateModel ModelFor(MailMergeFacts facts, Guid enterpriseId, string enterpriseName, string recipientName, string? position,
        string campaignName, string unsubscribeUrl, string language)
    {
        var settings = options.Value;
        return new TemplateModel(recipientName, facts.Enterprises.TryGetValue(enterpriseId, out var e) ? e.Name : enterpriseName, campaignName,
            settings.SenderName, settings.SenderAddress, unsubscribeUrl)
        {
            Language = language,
            RecipientPosition = position,
            Enterprise = e,
            Trial = facts.Trials.GetValueOrDefault(enterpriseId),
            EInvoice = facts.EInvoices.GetValueOrDefault(enterpriseId),
        };
    }
}
