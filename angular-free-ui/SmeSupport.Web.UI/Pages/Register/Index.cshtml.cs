using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SmeSupport.Enterprises.Contracts;
using SmeSupport.Errors;

namespace SmeSupport.Web.UI.Pages.Register;

/// <summary>
/// The public self-registration page at <c>/Register</c> (anonymous): the enterprise, one contact, the consents.
/// Protected by the antiforgery token (Razor Pages validate it on every POST), a hidden honeypot field, a signed
/// form token for the minimum fill time, and the per-client limit on submissions (<see cref="IRegistrationSubmissionLimit"/>;
/// viewing the form is never limited, a refused submission shows the form again, as typed, with a message).
/// </summary>
public sealed class IndexModel(
    IRegistrationAppService registrations,
    IAdministrativeUnitAppService units,
    IRegistrationSubmissionLimit submissionLimit,
    Microsoft.Extensions.Configuration.IConfiguration configuration,
    Microsoft.Extensions.Localization.IStringLocalizer<EnterpriseUiResource> localizer) : PageModel
{
    /// <summary>The form.</summary>
    [BindProperty]
    public RegisterInput Input { get; set; } = new();

    /// <summary>Communes and wards of Phú Thọ for the select list.</summary>
    public IReadOnlyList<WardDto> Wards { get; private set; } = [];

    /// <summary>The outcome message after a successful submission.</summary>
    public string? SuccessMessage { get; private set; }

    /// <summary>A form-level error (duplicate, anti-script refusal).</summary>
    public string? ErrorMessage { get; private set; }

    /// <summary>Shows the empty form with a fresh form token.</summary>
    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Input = new RegisterInput { FormToken = registrations.CreateFormToken().Token };
        Wards = await units.GetWardsAsync(25, cancellationToken);
    }

    /// <summary>Submits the registration; field errors are shown beside the fields.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Wards = await units.GetWardsAsync(25, cancellationToken);
        if (!submissionLimit.TryAcquire(HttpContext.Connection.RemoteIpAddress?.ToString(), out var retryAfter))
        {
            ErrorMessage = RateLimited.Message(localizer, Response, retryAfter);
            return Page();
        }

        try
        {
            var result = await registrations.SubmitAsync(new RegisterEnterpriseDto
            {
                Enterprise = new CreateEnterpriseDto
                {
                    TaxCode = Input.TaxCode,
                    Name = Input.Name,
                    ShortName = Input.ShortName,
                    LegalForm = Input.LegalForm,
                    IndustryCode = Input.IndustryCode,
                    Employees = Input.Employees ?? 0,
                    AnnualRevenueVnd = Input.AnnualRevenueVnd ?? 0,
                    CapitalVnd = Input.CapitalVnd ?? 0,
                    WardCode = Input.WardCode,
                    Street = Input.Street,
                    Website = Input.Website,
                },
                Contact = new CreateContactDto { FullName = Input.ContactFullName, Position = Input.ContactPosition, Email = Input.ContactEmail, Mobile = Input.ContactMobile },
                Consents = new RegistrationConsentsDto(Input.ServiceConsent, Input.AdvertisingConsent),
                FormToken = Input.FormToken,
                FaxNumber = Input.FaxNumber,
            }, $"{(configuration["App:PublicBaseUrl"] is { Length: > 0 } url ? url : "http://localhost:5080").TrimEnd('/')}/Register/Confirm", cancellationToken);
            SuccessMessage = result.Message;
            return Page();
        }
        catch (BusinessException ex)
        {
            if (ex.Code == EnterprisesErrorCodes.FormFilledTooFast)
            {
                // Sent before a person could have filled it: not counted against the allowance.
                submissionLimit.Release(HttpContext.Connection.RemoteIpAddress?.ToString());
            }

            // The page's language, by the stable error code; the service's own text when the code has no resource.
            // A code without its own text gets a general one in the page's language, never the service's English.
            ErrorMessage = Formatting.LocalizerFallback.Or(localizer, $"Register.Error.{ex.Code[(ex.Code.LastIndexOf(':') + 1)..]}",
                localizer["Register.Error.Other"].Value);
            foreach (var (field, messages) in ex.Errors)
            {
                foreach (var message in messages)
                {
                    ModelState.AddModelError("Input." + FieldName(field), message);
                }
            }

            // A fresh token, so that a corrected form can be sent again.
            Input.FormToken = registrations.CreateFormToken().Token;
            ModelState.Remove("Input.FormToken");
            return Page();
        }
    }

    private static string FieldName(string apiField) => apiField switch
    {
        "enterprise.taxCode" => nameof(RegisterInput.TaxCode),
        "enterprise.name" => nameof(RegisterInput.Name),
        "enterprise.shortName" => nameof(RegisterInput.ShortName),
        "enterprise.legalForm" => nameof(RegisterInput.LegalForm),
        "enterprise.industryCode" => nameof(RegisterInput.IndustryCode),
        "enterprise.employees" => nameof(RegisterInput.Employees),
        "enterprise.annualRevenueVnd" => nameof(RegisterInput.AnnualRevenueVnd),
        "enterprise.capitalVnd" => nameof(RegisterInput.CapitalVnd),
        "enterprise.wardCode" => nameof(RegisterInput.WardCode),
        "enterprise.street" => nameof(RegisterInput.Street),
        "enterprise.website" => nameof(RegisterInput.Website),
        "contact.fullName" => nameof(RegisterInput.ContactFullName),
        "contact.position" => nameof(RegisterInput.ContactPosition),
        "contact.email" => nameof(RegisterInput.ContactEmail),
        "contact.mobile" => nameof(RegisterInput.ContactMobile),
        _ => apiField,
    };
}

/// <summary>How the public registration pages answer a refused submission: 429 with <c>Retry-After</c> and a message in the page's language.</summary>
internal static class RateLimited
{
    /// <summary>Sets the status and header and returns the translated message (minutes to wait, rounded up).</summary>
    /// <param name="localizer">The page's localizer.</param>
    /// <param name="response">The response (429, <c>Retry-After</c>).</param>
    /// <param name="retryAfter">How long to wait.</param>
    /// <param name="key">The message's resource key (one placeholder: minutes); default the registration form's.</param>
    public static string Message(Microsoft.Extensions.Localization.IStringLocalizer localizer, HttpResponse response, TimeSpan retryAfter,
        string key = "Register.Error.TooManyRegistrationSubmissions")
    {
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.Headers.RetryAfter = ((int)retryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return localizer[key, (int)Math.Ceiling(retryAfter.TotalMinutes)].Value;
    }
}

/// <summary>The registration form's fields.</summary>
public sealed class RegisterInput
{
    /// <summary>Tax code.</summary>
    public string? TaxCode { get; set; }

    /// <summary>Registered name.</summary>
    public string? Name { get; set; }

    /// <summary>Short name.</summary>
    public string? ShortName { get; set; }

    /// <summary>Legal form.</summary>
    public LegalForm? LegalForm { get; set; }

    /// <summary>VSIC code.</summary>
    public string? IndustryCode { get; set; }

    /// <summary>Employees.</summary>
    public int? Employees { get; set; }

    /// <summary>Annual revenue, VND.</summary>
    public decimal? AnnualRevenueVnd { get; set; }

    /// <summary>Capital, VND.</summary>
    public decimal? CapitalVnd { get; set; }

    /// <summary>Current commune/ward.</summary>
    public int? WardCode { get; set; }

    /// <summary>Street.</summary>
    public string? Street { get; set; }

    /// <summary>Website.</summary>
    public string? Website { get; set; }

    /// <summary>Contact's full name.</summary>
    public string? ContactFullName { get; set; }

    /// <summary>Contact's position.</summary>
    public string? ContactPosition { get; set; }

    /// <summary>Contact's e-mail.</summary>
    public string? ContactEmail { get; set; }

    /// <summary>Contact's mobile.</summary>
    public string? ContactMobile { get; set; }

    /// <summary>Consent to service messages.</summary>
    public bool ServiceConsent { get; set; }

    /// <summary>Consent to programme/advertising messages.</summary>
    public bool AdvertisingConsent { get; set; }

    /// <summary>Signed form token (minimum fill time).</summary>
    public string? FormToken { get; set; }

    /// <summary>Honeypot: hidden from people, must stay empty.</summary>
    public string? FaxNumber { get; set; }
}
