using FluentValidation;
using Microsoft.Extensions.Localization;
using SmeSupport.Domain;
using SmeSupport.Text;
using SmeSupport.Enterprises.Contracts;
using SmeSupport.Enterprises.Domain;

namespace SmeSupport.Enterprises.Application;

/// <summary>
/// Field rules for creating and updating an enterprise. Database-backed rules (ward exists, tax code unique) are checked by the service.
/// Messages come from <see cref="EnterprisesText"/> (keys <c>Validation.*</c>) in the current UI culture when the rule fails: Vietnamese
/// by default, English with culture <c>en</c> — in API Problem Details, on the pages and in the import report alike.
/// </summary>
internal sealed class EnterpriseInputValidator : AbstractValidator<CreateEnterpriseDto>
{
    public EnterpriseInputValidator(IStringLocalizer<EnterprisesText> text)
    {
        string T(string key, params object[] args) => text[key, args].Value;

        RuleFor(x => x.TaxCode).Custom((value, ctx) =>
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                ctx.AddFailure(T("Validation.TaxCode.Required"));
            }
            else if (!TaxCode.TryParse(value, out _, out TaxCodeError error))
            {
                ctx.AddFailure(T($"Validation.TaxCode.{error}"));
            }
        });
        RuleFor(x => x.Name).Cascade(CascadeMode.Stop)
            .Must(n => n is not null && (n.Any(char.IsAsciiLetterOrDigit) || VietnameseText.Fold(n).Trim().Length > 0)).WithMessage(_ => T("Validation.Name.Required"))
            .Must(n => !HasControlCharacters(n)).WithMessage(_ => T("Validation.Name.ControlCharacters"))
            .Must(n => n!.Trim().Length <= Enterprise.NameMaxLength).WithMessage(_ => T("Validation.Name.TooLong", Enterprise.NameMaxLength));
        RuleFor(x => x.ShortName).MaximumLength(Enterprise.ShortNameMaxLength)
            .WithMessage(_ => T("Validation.ShortName.TooLong", Enterprise.ShortNameMaxLength));
        RuleFor(x => x.LegalForm).NotNull().WithMessage(_ => T("Validation.LegalForm.Required"))
            .IsInEnum().WithMessage(_ => T("Validation.LegalForm.Unknown"));
        RuleFor(x => x.IndustryCode)
            .Must(c => c is null || EnterpriseSizeClassifier.SectorOf(c) is not null)
            .WithMessage(_ => T("Validation.IndustryCode.Invalid"));
        RuleFor(x => x.Employees).InclusiveBetween(0, 1_000_000).WithMessage(_ => T("Validation.Employees.Range"));
        RuleFor(x => x.AnnualRevenueVnd).InclusiveBetween(0m, MaxVnd).WithMessage(_ => T("Validation.Revenue.Range"))
            .Must(v => v == decimal.Truncate(v)).WithMessage(_ => T("Validation.Revenue.Whole"));
        RuleFor(x => x.CapitalVnd).InclusiveBetween(0m, MaxVnd).WithMessage(_ => T("Validation.Capital.Range"))
            .Must(v => v == decimal.Truncate(v)).WithMessage(_ => T("Validation.Capital.Whole"));
        RuleFor(x => x.WardCode).NotNull().When(x => x.OldWardCode is null).WithMessage(_ => T("Validation.WardCode.Required"));
        RuleFor(x => x.AddressAsWritten).MaximumLength(Enterprise.AddressAsWrittenMaxLength)
            .WithMessage(_ => T("Validation.AddressAsWritten.TooLong", Enterprise.AddressAsWrittenMaxLength))
            .Must(n => !HasControlCharacters(n)).WithMessage(_ => T("Validation.AddressAsWritten.ControlCharacters"));
        RuleFor(x => x.ShortName).Must(n => !HasControlCharacters(n)).WithMessage(_ => T("Validation.ShortName.ControlCharacters"));
        RuleFor(x => x.Street).Must(n => !HasControlCharacters(n)).WithMessage(_ => T("Validation.Street.ControlCharacters"));
        RuleFor(x => x.Street).MaximumLength(Enterprise.StreetMaxLength)
            .WithMessage(_ => T("Validation.Street.TooLong", Enterprise.StreetMaxLength));
        RuleFor(x => x.Website).MaximumLength(Enterprise.WebsiteMaxLength)
            .WithMessage(_ => T("Validation.Website.TooLong", Enterprise.WebsiteMaxLength))
            .Must(BeHttpUrl).WithMessage(_ => T("Validation.Website.Scheme"));
        RuleFor(x => x.ProgrammeStatus).IsInEnum().WithMessage(_ => T("Validation.ProgrammeStatus.Unknown"));
    }

    /// <summary>Largest revenue or capital accepted, VND.</summary>
    private const decimal MaxVnd = 1_000_000_000_000_000_000m;

    /// <summary>Control characters (U+0000–U+001F, U+007F–U+009F) or bidirectional controls (<see cref="VietnameseText.ContainsBidiControl"/>).</summary>
    internal static bool HasControlCharacters(string? text) => text is not null && (text.Any(char.IsControl) || VietnameseText.ContainsBidiControl(text));

    private static bool BeHttpUrl(string? url) =>
        string.IsNullOrWhiteSpace(url)
        || (Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps));
}
