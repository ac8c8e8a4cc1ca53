using FluentValidation;
using SmeSupport.Domain;
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
            .Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("Name is required.")
            .Must(n => n!.Trim().Length <= Enterprise.NameMaxLength).WithMessage($"Name must be at most {Enterprise.NameMaxLength} characters.");
        RuleFor(x => x.ShortName).MaximumLength(Enterprise.ShortNameMaxLength)
            .WithMessage($"Short name must be at most {Enterprise.ShortNameMaxLength} characters.");
        RuleFor(x => x.LegalForm).NotNull().WithMessage("Legal form is required.")
            .IsInEnum().WithMessage("Legal form is not one of the known values.");
        RuleFor(x => x.IndustryCode)
            .Must(c => c is null || EnterpriseSizeClassifier.SectorOf(c) is not null)
            .WithMessage("Industry code is not a VSIC 2018 section (A–U) or code.");
        RuleFor(x => x.Employees).InclusiveBetween(0, 1_000_000).WithMessage("Employees must be between 0 and 1,000,000.");
        RuleFor(x => x.AnnualRevenueVnd).InclusiveBetween(0m, 1_000_000_000_000_000m).WithMessage("Revenue must be zero or more (VND).");
        RuleFor(x => x.CapitalVnd).InclusiveBetween(0m, 1_000_000_000_000_000m).WithMessage("Capital must be zero or more (VND).");
        RuleFor(x => x.WardCode).NotNull().When(x => x.OldWardCode is null).WithMessage("Commune/ward is required.");
        RuleFor(x => x.AddressAsWritten).MaximumLength(Enterprise.AddressAsWrittenMaxLength)
            .WithMessage($"Address as written must be at most {Enterprise.AddressAsWrittenMaxLength} characters.");
        RuleFor(x => x.Street).MaximumLength(Enterprise.StreetMaxLength)
            .WithMessage($"Street must be at most {Enterprise.StreetMaxLength} characters.");
        RuleFor(x => x.Website).MaximumLength(Enterprise.WebsiteMaxLength)
            .WithMessage($"Website must be at most {Enterprise.WebsiteMaxLength} characters.")
            .Must(BeHttpUrl).WithMessage("Website must be an http or https address.");
        RuleFor(x => x.ProgrammeStatus).IsInEnum().WithMessage("Programme status is not one of the known values.");
    }

    private static bool BeHttpUrl(string? url) =>
        string.IsNullOrWhiteSpace(url)
        || (Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps));
}
