using System.Globalization;
using Scriban.Parsing;
using Scriban.Runtime;
using Scriban.Syntax;
using SmeSupport.EInvoicing.Contracts;
using SmeSupport.Trials.Contracts;

namespace SmeSupport.Outreach.Application;

/// <summary>Languages of template variants: Vietnamese (required, the fallback) and English (optional).</summary>
internal static class TemplateLanguages
{
    public const string Vietnamese = "vi";
    public const string English = "en";

    /// <summary>The canonical code of <paramref name="value"/>, or null when blank or unsupported.</summary>
    public static string? Normalize(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        Vietnamese => Vietnamese,
        English => English,
        _ => null,
    };
}

/// <summary>A value the HTML body writes without escaping (the template opted out with <c>raw</c>).</summary>
/// <param name="Value">The markup.</param>
internal sealed record RawHtml(string Value)
{
    /// <inheritdoc />
    public override string ToString() => Value;
}

/// <summary>
/// The placeholders of e-mail templates, their values for one recipient in the variant's language, and the check that
/// a template names only known members. Dates: <c>dd/MM/yyyy</c> in Vietnamese, <c>d MMM yyyy</c> (en-GB) in English.
/// </summary>
internal static class TemplatePlaceholders
{
    /// <summary>The members of each placeholder object (Scriban snake_case names).</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Objects = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["recipient"] = ["name", "position"],
        ["contact"] = ["name", "position"],
        ["enterprise"] = ["name", "short_name", "tax_code", "ward", "province"],
        ["trial"] = ["exists", "platform", "provider", "start", "end", "status"],
        ["einvoice"] = ["step", "kind", "provider"],
        ["campaign"] = ["name"],
        ["sender"] = ["name", "address"],
    };

    private static readonly CultureInfo EnglishDates = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>The Scriban globals for one render.</summary>
    public static ScriptObject Globals(TemplateModel model)
    {
        var en = model.Language == TemplateLanguages.English;
        var contact = new ScriptObject { ["name"] = model.RecipientName, ["position"] = model.RecipientPosition ?? "" };
        var e = model.Enterprise;
        var t = model.Trial;
        var step = model.EInvoice?.CurrentStep ?? EInvoiceStep.NotRegistered;
        var globals = new ScriptObject
        {
            ["recipient"] = contact,
            ["contact"] = contact,
            ["enterprise"] = new ScriptObject
            {
                ["name"] = e?.Name ?? model.EnterpriseName,
                ["short_name"] = e?.ShortName ?? "",
                ["tax_code"] = e?.TaxCode ?? "",
                ["ward"] = e?.WardName ?? "",
                ["province"] = e?.ProvinceName ?? "",
            },
            ["trial"] = new ScriptObject
            {
                ["exists"] = t is not null,
                ["platform"] = t?.PlatformName ?? "",
                ["provider"] = t?.PlatformProvider ?? "",
                ["start"] = t is null ? "" : FormatDate(t.StartDate, model.Language),
                ["end"] = t is null ? "" : FormatDate(t.EndDate, model.Language),
                ["status"] = t is null ? "" : TrialStatusLabel(t.Status, en),
            },
            ["einvoice"] = new ScriptObject
            {
                ["step"] = StepLabel(step, en),
                ["kind"] = model.EInvoice?.Kind is { } kind ? KindLabel(kind, en) : "",
                ["provider"] = model.EInvoice?.ProviderName ?? "",
            },
            ["campaign"] = new ScriptObject { ["name"] = model.CampaignName },
            ["sender"] = new ScriptObject { ["name"] = model.SenderName, ["address"] = model.SenderAddress },
            ["unsubscribe_url"] = model.UnsubscribeUrl,
            ["language"] = model.Language,
        };
        globals.Import("raw", new Func<object?, RawHtml>(v => new RawHtml(v switch
        {
            null => "",
            RawHtml r => r.Value,
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => v.ToString() ?? "",
        })));
        return globals;
    }

    /// <summary>A date in the language's form: <c>dd/MM/yyyy</c> (vi), <c>d MMM yyyy</c> (en, e.g. "5 Jan 2026").</summary>
    public static string FormatDate(DateOnly date, string language) => language == TemplateLanguages.English
        ? date.ToString("d MMM yyyy", EnglishDates)
        : date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    /// <summary>Trial status in Vietnamese or English.</summary>
    public static string TrialStatusLabel(TrialStatus status, bool english) => status switch
    {
        TrialStatus.Planned => english ? "Planned" : "Đã lên kế hoạch",
        TrialStatus.Active => english ? "In progress" : "Đang dùng thử",
        TrialStatus.Completed => english ? "Completed" : "Đã kết thúc",
        TrialStatus.Cancelled => english ? "Cancelled" : "Đã hủy",
        _ => status.ToString(),
    };

    /// <summary>E-invoice adoption step (Decree 123/2020/NĐ-CP, form 01/ĐKTĐ-HĐĐT) in Vietnamese or English.</summary>
    public static string StepLabel(EInvoiceStep step, bool english) => step switch
    {
        EInvoiceStep.NotRegistered => english ? "Not registered" : "Chưa đăng ký",
        EInvoiceStep.RegistrationSubmitted => english ? "Registration submitted" : "Đã nộp tờ khai đăng ký",
        EInvoiceStep.Refused => english ? "Registration refused" : "Đăng ký bị từ chối",
        EInvoiceStep.Accepted => english ? "Registration accepted" : "Đăng ký được chấp nhận",
        EInvoiceStep.FirstInvoiceIssued => english ? "First invoice issued" : "Đã phát hành hóa đơn đầu tiên",
        EInvoiceStep.IssuingRegularly => english ? "Issuing regularly" : "Phát hành hóa đơn thường xuyên",
        _ => step.ToString(),
    };

    /// <summary>Kind of e-invoice in Vietnamese or English.</summary>
    public static string KindLabel(EInvoiceKind kind, bool english) => kind switch
    {
        EInvoiceKind.WithCode => english ? "With tax-authority code" : "Có mã của cơ quan thuế",
        EInvoiceKind.WithoutCode => english ? "Without code" : "Không có mã",
        EInvoiceKind.FromCashRegister => english ? "From cash register" : "Khởi tạo từ máy tính tiền",
        _ => kind.ToString(),
    };

    /// <summary>Member accesses on a placeholder object that name no member of it (e.g. <c>enterprise.adress</c>), anywhere in the template.</summary>
    public static IEnumerable<(SourceSpan Span, string Message)> UnknownMembers(ScriptNode? root)
    {
        if (root is null)
        {
            yield break;
        }

        var stack = new Stack<ScriptNode>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (node is ScriptMemberExpression { Target: ScriptVariableGlobal target, Member: { } member }
                && Objects.TryGetValue(target.Name, out var members) && !members.Contains(member.Name, StringComparer.Ordinal))
            {
                yield return (member.Span, OutreachText.Get("Template.UnknownPlaceholder", target.Name + "." + member.Name,
                    string.Join(", ", members.Select(m => target.Name + "." + m))));
            }

            for (var i = node.ChildrenCount - 1; i >= 0; i--)
            {
                if (node.GetChildren(i) is { } child)
                {
                    stack.Push(child);
                }
            }
        }
    }
}
