using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SmeSupport.Enterprises.Contracts;
using SmeSupport.Errors;
using SmeSupport.Security;

namespace SmeSupport.Web.UI.Pages.Portal.Enterprise;

/// <summary>
/// The own enterprise's contacts at <c>/Portal/Enterprise/Contacts</c> (<see cref="EnterprisesPermissions.OwnEnterprise"/>):
/// add a contact, edit one (<c>?edit={contactId}</c>), and grant or withdraw consent per purpose through the portal.
/// Withdrawing keeps the grant in the history with the time it was withdrawn. A contact of another enterprise answers 404.
/// </summary>
[Authorize(Policy = EnterprisesPermissions.OwnEnterprise)]
public sealed class ContactsModel(IEnterpriseProfileAppService profile, ICurrentUser currentUser, IStringLocalizer<EnterpriseUiResource> localizer)
    : PageModel
{
    /// <summary>The contact being edited (query <c>edit</c>), or null for the add form.</summary>
    [BindProperty(SupportsGet = true, Name = "edit")]
    public Guid? EditId { get; set; }

    /// <summary>The add/edit form.</summary>
    [BindProperty]
    public ContactInput Contact { get; set; } = new();

    /// <summary>The contacts with their consent history.</summary>
    public IReadOnlyList<ContactDto> Contacts { get; private set; } = [];

    /// <summary>A one-time notice after a change.</summary>
    [TempData]
    public string? StatusMessage { get; set; }

    /// <summary>Why the last consent change failed, for display.</summary>
    public string? ErrorMessage { get; private set; }

    /// <summary>Lists the contacts; fills the form with the contact being edited.</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (currentUser.EnterpriseId is not { } id)
        {
            return NotFound();
        }

        try
        {
            if (EditId is { } editId)
            {
                var c = await profile.GetContactAsync(id, editId, cancellationToken);
                Contact = new ContactInput
                {
                    FullName = c.FullName, Position = c.Position, Email = c.Email, Mobile = c.Mobile, ConcurrencyStamp = c.ConcurrencyStamp,
                    PreferredLanguage = c.PreferredLanguage,
                };
            }

            Contacts = await profile.GetContactsAsync(id, cancellationToken);
        }
        catch (EntityNotFoundException)
        {
            return NotFound();
        }

        return Page();
    }

    /// <summary>Adds the contact, or saves the one being edited.</summary>
    public async Task<IActionResult> OnPostSaveAsync(CancellationToken cancellationToken)
    {
        if (currentUser.EnterpriseId is not { } id)
        {
            return NotFound();
        }

        try
        {
            if (EditId is { } editId)
            {
                await profile.UpdateContactAsync(id, editId, new UpdateContactDto
                {
                    FullName = Contact.FullName, Position = Contact.Position, Email = Contact.Email, Mobile = Contact.Mobile,
                    ConcurrencyStamp = Contact.ConcurrencyStamp, PreferredLanguage = Contact.PreferredLanguage,
                }, cancellationToken);
            }
            else
            {
                await profile.CreateContactAsync(id, new CreateContactDto
                {
                    FullName = Contact.FullName, Position = Contact.Position, Email = Contact.Email, Mobile = Contact.Mobile,
                    PreferredLanguage = Contact.PreferredLanguage,
                }, cancellationToken);
            }

            StatusMessage = localizer["Portal.ContactSaved", Contact.FullName ?? ""].Value;
            return RedirectToPage("/Portal/Enterprise/Contacts");
        }
        catch (EntityNotFoundException)
        {
            return NotFound();
        }
        catch (BusinessException ex)
        {
            foreach (var (key, messages) in ex.Errors)
            {
                var field = key.Length == 0 ? "" : $"{nameof(Contact)}.{char.ToUpperInvariant(key[0])}{key[1..]}";
                foreach (var message in messages)
                {
                    ModelState.AddModelError(field, message);
                }
            }

            if (ex.Errors.Count == 0)
            {
                ModelState.AddModelError(string.Empty, ex.Code == ErrorCodes.ConcurrencyConflict ? localizer["Portal.Conflict"].Value : ex.Message);
            }
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError(string.Empty, localizer["Portal.Conflict"].Value);
        }

        Contacts = await profile.GetContactsAsync(id, cancellationToken);
        return Page();
    }

    /// <summary>Grants consent for <paramref name="purpose"/> through the portal, now.</summary>
    public Task<IActionResult> OnPostGrantAsync(Guid contactId, ConsentPurpose purpose, CancellationToken cancellationToken) =>
        ChangeConsentAsync(contactId, purpose, grant: true, cancellationToken);

    /// <summary>Withdraws consent for <paramref name="purpose"/> through the portal; the history is kept.</summary>
    public Task<IActionResult> OnPostWithdrawAsync(Guid contactId, ConsentPurpose purpose, CancellationToken cancellationToken) =>
        ChangeConsentAsync(contactId, purpose, grant: false, cancellationToken);

    private async Task<IActionResult> ChangeConsentAsync(Guid contactId, ConsentPurpose purpose, bool grant, CancellationToken cancellationToken)
    {
        if (currentUser.EnterpriseId is not { } id)
        {
            return NotFound();
        }

        if (!Enum.IsDefined(purpose))
        {
            return BadRequest();
        }

        try
        {
            var contact = grant
                ? await profile.GrantConsentAsync(id, contactId, new GrantConsentDto(purpose, ConsentChannels.PortalForm), cancellationToken)
                : await profile.WithdrawConsentAsync(id, contactId, purpose, new WithdrawConsentDto(ConsentChannels.PortalForm), cancellationToken);
            StatusMessage = localizer[grant ? "Portal.ConsentGranted" : "Portal.ConsentWithdrawn", localizer[$"Status.{purpose}"].Value, contact.FullName].Value;
            return RedirectToPage("/Portal/Enterprise/Contacts");
        }
        catch (EntityNotFoundException)
        {
            return NotFound();
        }
        catch (BusinessException ex) when (ex is not ForbiddenException)
        {
            ErrorMessage = grant ? localizer["Portal.AlreadyGranted"].Value : localizer["Portal.NotGranted"].Value;
        }

        EditId = null;
        Contacts = await profile.GetContactsAsync(id, cancellationToken);
        return Page();
    }

    /// <summary>Contact form fields.</summary>
    public sealed class ContactInput
    {
        /// <summary>Full name.</summary>
        public string? FullName { get; set; }

        /// <summary>Position.</summary>
        public string? Position { get; set; }

        /// <summary>E-mail.</summary>
        public string? Email { get; set; }

        /// <summary>Mobile (Vietnamese format).</summary>
        public string? Mobile { get; set; }

        /// <summary>Stamp of the contact being edited.</summary>
        public string? ConcurrencyStamp { get; set; }

        /// <summary>Language of e-mail to the contact: <c>vi</c> (default) or <c>en</c>.</summary>
        public string? PreferredLanguage { get; set; } = ContactLanguages.Vietnamese;
    }
}
