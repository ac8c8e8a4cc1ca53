using System.Runtime.CompilerServices;
using System.Text.Json;
using SmeSupport.Cases.Contracts;
using SmeSupport.EInvoicing.Contracts;
using SmeSupport.Enterprises.Contracts;
using SmeSupport.Errors;
using SmeSupport.Outreach.Contracts;
using SmeSupport.Trials.Contracts;

namespace SmeSupport.Outreach.Application;

/// <summary>
/// Evaluates segment rules through the other modules' Contracts only: Enterprises (<see cref="IEnterpriseSegmentQuery"/>,
/// <see cref="IEnterpriseContactDirectory"/>), Trials (<see cref="ITrialSegmentQuery"/>), EInvoicing
/// (<see cref="IEInvoiceSegmentQuery"/>) and Cases (<see cref="ICaseSegmentQuery"/>). The enterprise ids are
/// intersected in memory (thousands at most); the contacts are streamed, never held.
/// </summary>
internal sealed class SegmentEvaluator(
    IEnterpriseSegmentQuery enterprises,
    IEnterpriseContactDirectory contacts,
    ITrialSegmentQuery trials,
    IEInvoiceSegmentQuery einvoices,
    ICaseSegmentQuery cases,
    TimeProvider clock)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Checks the ranges of the rules.</summary>
    /// <exception cref="InputValidationException">Field errors named <c>rules.&lt;rule&gt;</c>.</exception>
    public static void Validate(SegmentRulesDto rules) => Check(rules).ThrowIfAny();

    /// <summary>The most values one rule list may hold (more is a 400 on that list).</summary>
    public const int MaxListItems = 500;

    /// <summary>The longest cohort name a rule may name.</summary>
    public const int MaxCohortLength = 200;

    /// <summary>The most values an error message lists (the rest are counted: "… and N more").</summary>
    public const int MaxListedValues = 10;

    /// <summary>
    /// The range errors of the rules (no reference data read), named <c>rules.&lt;rule&gt;</c>: each list holds at most
    /// <see cref="MaxListItems"/> values.
    /// </summary>
    public static FieldErrors Check(SegmentRulesDto rules)
    {
        var errors = new FieldErrors();
        TooMany(errors, "rules.cohorts", rules.Cohorts?.Count);
        TooMany(errors, "rules.wardCodes", rules.WardCodes?.Count);
        TooMany(errors, "rules.legalForms", rules.LegalForms?.Count);
        TooMany(errors, "rules.sizes", rules.Sizes?.Count);
        TooMany(errors, "rules.industrySections", rules.IndustrySections?.Count);
        TooMany(errors, "rules.programmeStatuses", rules.ProgrammeStatuses?.Count);
        TooMany(errors, "rules.eInvoiceSteps", rules.EInvoiceSteps?.Count);
        TooMany(errors, "rules.trialStatuses", rules.TrialStatuses?.Count);
        if (errors.Has("rules.cohorts"))
        {
            // Already refused: too many.
        }
        else if (rules.Cohorts?.Any(c => c is { Length: > MaxCohortLength }) == true)
        {
            errors.Add("rules.cohorts", OutreachText.Get("Segment.CohortTooLong", MaxCohortLength));
        }

        if (rules.TrialEndsWithinDays is < 0 or > 366)
        {
            errors.Add("rules.trialEndsWithinDays", OutreachText.Get("Segment.TrialEndsRange"));
        }

        if (rules.ApprovedWithinDays is < 1 or > 366)
        {
            errors.Add("rules.approvedWithinDays", OutreachText.Get("Segment.ApprovedWithinRange"));
        }

        if (rules.NoContactForDays is < 1 or > 3650)
        {
            errors.Add("rules.noContactForDays", OutreachText.Get("Segment.NoContactRange"));
        }

        if (!errors.Has("rules.industrySections") && rules.IndustrySections?.Any(s => s is null || s.Trim().Length != 1 || s.Trim().ToUpperInvariant()[0] is < 'A' or > 'U') == true)
        {
            errors.Add("rules.industrySections", OutreachText.Get("Segment.IndustrySections"));
        }

        if (!errors.Has("rules.cohorts") && rules.Cohorts?.Any(string.IsNullOrWhiteSpace) == true)
        {
            errors.Add("rules.cohorts", OutreachText.Get("Segment.EmptyCohort"));
        }

        Unknown(errors, "rules.legalForms", rules.LegalForms, OutreachText.Get("Segment.UnknownLegalForm"));
        Unknown(errors, "rules.sizes", rules.Sizes, OutreachText.Get("Segment.UnknownSize"));
        Unknown(errors, "rules.programmeStatuses", rules.ProgrammeStatuses, OutreachText.Get("Segment.UnknownProgrammeStatus"));
        Unknown(errors, "rules.eInvoiceSteps", rules.EInvoiceSteps, OutreachText.Get("Segment.UnknownEInvoiceStep"));
        Unknown(errors, "rules.trialStatuses", rules.TrialStatuses, OutreachText.Get("Segment.UnknownTrialStatus"));
        return errors;
    }

    private static void TooMany(FieldErrors errors, string field, int? count)
    {
        if (count > MaxListItems)
        {
            errors.Add(field, OutreachText.Get("Segment.TooManyItems", MaxListItems));
        }
    }

    /// <summary>
    /// Joins at most <see cref="MaxListedValues"/> values with ", " and counts the rest ("1, 2, … and 5 more"), so an error
    /// message stays short whatever the input.
    /// </summary>
    public static string ListSome<T>(IEnumerable<T> values)
    {
        var all = values.ToList();
        var shown = string.Join(", ", all.Take(MaxListedValues));
        return all.Count <= MaxListedValues ? shown : OutreachText.Get("List.AndMore", shown, all.Count - MaxListedValues);
    }

    private static void Unknown<T>(FieldErrors errors, string field, IReadOnlyList<T>? values, string message)
        where T : struct, Enum
    {
        if (!errors.Has(field) && values?.Any(v => !Enum.IsDefined(v)) == true)
        {
            errors.Add(field, message);
        }
    }

    /// <summary>Streams the contacts (with an address) of the enterprises the rules select, ordered by contact id.</summary>
    public async IAsyncEnumerable<ContactRecipientDto> StreamAsync(SegmentRulesDto rules, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var ids = await EnterpriseIdsAsync(rules, cancellationToken);
        if (ids is { Count: 0 })
        {
            yield break;
        }

        await foreach (var contact in contacts.StreamRecipientsAsync(rules.ProgrammeStatuses, cancellationToken))
        {
            if (ids is null || ids.Contains(contact.EnterpriseId))
            {
                yield return contact;
            }
        }
    }

    /// <summary>The enterprise ids the rules select (every rule narrows), or null when no enterprise rule is given.</summary>
    public async Task<HashSet<Guid>?> EnterpriseIdsAsync(SegmentRulesDto rules, CancellationToken cancellationToken)
    {
        HashSet<Guid>? ids = null;
        void Narrow(IEnumerable<Guid> these)
        {
            if (ids is null)
            {
                ids = [.. these];
            }
            else
            {
                ids.IntersectWith(these);
            }
        }

        if (rules.Cohorts is { Count: > 0 } || rules.WardCodes is { Count: > 0 } || rules.LegalForms is { Count: > 0 }
            || rules.Sizes is { Count: > 0 } || rules.IndustrySections is { Count: > 0 } || rules.ApprovedWithinDays is not null)
        {
            Narrow(await enterprises.FindEnterpriseIdsAsync(new EnterpriseCriteriaDto
            {
                Cohorts = rules.Cohorts,
                WardCodes = rules.WardCodes,
                LegalForms = rules.LegalForms,
                Sizes = rules.Sizes,
                IndustrySections = rules.IndustrySections,
                ProgrammeStatuses = rules.ProgrammeStatuses,
                ApprovedWithinDays = rules.ApprovedWithinDays,
            }, cancellationToken));
        }

        if (rules.TrialStatuses is { Count: > 0 } || rules.TrialPlatformId is not null || rules.TrialEndsWithinDays is not null)
        {
            Narrow(await trials.FindEnterpriseIdsAsync(rules.TrialStatuses, rules.TrialPlatformId, rules.TrialEndsWithinDays, cancellationToken));
        }

        if (rules.TrialPastEndWithoutOutcome is { } pastEnd)
        {
            var overdue = await trials.FindEnterpriseIdsWithTrialsPastEndAsync(rules.TrialPlatformId, cancellationToken);
            if (pastEnd)
            {
                Narrow(overdue);
            }
            else
            {
                ids ??= (await enterprises.FindEnterpriseIdsAsync(new EnterpriseCriteriaDto { ProgrammeStatuses = rules.ProgrammeStatuses },
                    cancellationToken)).ToHashSet();
                ids.ExceptWith(overdue);
            }
        }

        if (rules.EInvoiceSteps is { Count: > 0 } steps)
        {
            var current = await einvoices.GetCurrentStepsAsync(cancellationToken);
            if (steps.Contains(EInvoiceStep.NotRegistered))
            {
                // Enterprises without a record are NotRegistered: select everyone except those at another step.
                var other = current.Where(kv => !steps.Contains(kv.Value)).Select(kv => kv.Key).ToHashSet();
                var all = ids ?? (await enterprises.FindEnterpriseIdsAsync(new EnterpriseCriteriaDto { ProgrammeStatuses = rules.ProgrammeStatuses },
                    cancellationToken)).ToHashSet();
                all.ExceptWith(other);
                ids = all;
            }
            else
            {
                Narrow(current.Where(kv => steps.Contains(kv.Value)).Select(kv => kv.Key));
            }
        }

        if (rules.HasOpenCase is { } open)
        {
            var withOpen = await cases.FindEnterpriseIdsWithOpenCasesAsync(cancellationToken);
            if (open)
            {
                Narrow(withOpen);
            }
            else
            {
                ids ??= (await enterprises.FindEnterpriseIdsAsync(new EnterpriseCriteriaDto { ProgrammeStatuses = rules.ProgrammeStatuses },
                    cancellationToken)).ToHashSet();
                ids.ExceptWith(withOpen);
            }
        }

        if (rules.NoContactForDays is { } days)
        {
            var since = clock.GetUtcNow().AddDays(-days);
            var recent = (await cases.GetLastContactAsync(cancellationToken)).Where(kv => kv.Value > since).Select(kv => kv.Key);
            ids ??= (await enterprises.FindEnterpriseIdsAsync(new EnterpriseCriteriaDto { ProgrammeStatuses = rules.ProgrammeStatuses },
                cancellationToken)).ToHashSet();
            ids.ExceptWith(recent);
        }

        return ids;
    }
}
