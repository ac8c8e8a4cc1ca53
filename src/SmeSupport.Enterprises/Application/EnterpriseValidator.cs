using FluentValidation;
using SmeSupport.Domain;
using SmeSupport.Text;
using SmeSupport.Enterprises.Contracts;
using SmeSupport.Enterprises.Domain;

namespace SmeSupport.Enterprises.Application;

/// <summary>Field rules for creating and updating an enterprise. Database-backed rules (ward exists, tax code unique) are checked by the service.</summary>
internal sealed class EnterpriseInputValidator : AbstractValidator<CreateEnterpriseDto>
{
    public EnterpriseInputValidator()
    {
        RuleFor(x => x.TaxCode).Custom((value, ctx) =>
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                ctx.AddFailure("Tax code is required.");
            }
            else if (!TaxCode.TryParse(value, out _, out string? error))
            {
                ctx.AddFailure(error ?? "Tax code is invalid.");
            }
        });
        RuleFor(x => x.Name).Cascade(CascadeMode.Stop)
            .Must(n => VietnameseText.Fold(n).Trim().Length > 0).WithMessage("Name is required.")
            .Must(n => !HasControlCharacters(n)).WithMessage("Name must not contain control characters.")
            .Must(n => n!.Trim().Length <= Enterprise.NameMaxLength).WithMessage($"Name must be at most {Enterprise.NameMaxLength} characters.");
        RuleFor(x => x.ShortName).MaximumLength(Enterprise.ShortNameMaxLength)
            .WithMessage($"Short name must be at most {Enterprise.ShortNameMaxLength} characters.");
        RuleFor(x => x.LegalForm).NotNull().WithMessage("Legal form is required.")
            .IsInEnum().WithMessage("Legal form is not one of the known values.");
        RuleFor(x => x.IndustryCode)
            .Must(c => c is null || EnterpriseSizeClassifier.SectorOf(c) is not null)
            .WithMessage("Industry code is not a VSIC 2018 section (A–U) or code.");
        RuleFor(x => x.Employees).InclusiveBetween(0, 1_000_000).WithMessage("Employees must be between 0 and 1,000,000.");
        RuleFor(x => x.AnnualRevenueVnd).InclusiveBetween(0m, MaxVnd).WithMessage("Revenue must be between 0 and 10^18 VND.")
            .Must(v => v == decimal.Truncate(v)).WithMessage("Revenue must be a whole number of đồng.");
        RuleFor(x => x.CapitalVnd).InclusiveBetween(0m, MaxVnd).WithMessage("Capital must be between 0 and 10^18 VND.")
            .Must(v => v == decimal.Truncate(v)).WithMessage("Capital must be a whole number of đồng.");
        RuleFor(x => x.WardCode).NotNull().When(x => x.OldWardCode is null).WithMessage("Commune/ward is required.");
        RuleFor(x => x.AddressAsWritten).MaximumLength(Enterprise.AddressAsWrittenMaxLength)
            .WithMessage($"Address as written must be at most {Enterprise.AddressAsWrittenMaxLength} characters.")
            .Must(n => !HasControlCharacters(n)).WithMessage("Address as written must not contain control characters.");
        RuleFor(x => x.ShortName).Must(n => !HasControlCharacters(n)).WithMessage("Short name must not contain control characters.");
        RuleFor(x => x.Street).Must(n => !HasControlCharacters(n)).WithMessage("Street must not contain control characters.");
        RuleFor(x => x.Street).MaximumLength(Enterprise.StreetMaxLength)
            .WithMessage($"Street must be at most {Enterprise.StreetMaxLength} characters.");
        RuleFor(x => x.Website).MaximumLength(Enterprise.WebsiteMaxLength)
            .WithMessage($"Website must be at most {Enterprise.WebsiteMaxLength} characters.")
            .Must(BeHttpUrl).WithMessage("Website must be an http or https address.");
        RuleFor(x => x.ProgrammeStatus).IsInEnum().WithMessage("Programme status is not one of the known values.");
    }

    /// <summary>Largest revenue or capital accepted, VND.</summary>
    private const decimal MaxVnd = 1_000_000_000_000_000_000m;

    private static bool HasControlCharacters(string? text) => text is not null && text.Any(char.IsControl);

    private static bool BeHttpUrl(string? url) =>
        string.IsNullOrWhiteSpace(url)
        || (Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps));
}
