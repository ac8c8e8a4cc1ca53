using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SmeSupport.Enterprises.Contracts;
using SmeSupport.Errors;

namespace SmeSupport.Web.UI.Pages.Enterprises;

/// <summary>
/// Staff view of one enterprise's contacts at <c>/Enterprises/{id}/Contacts</c> (<see cref="EnterprisesPermissions.Default"/>
/// to read): name, position, e-mail, mobile, e-mail language and the consents per purpose with when each was granted and
/// withdrawn. Staff with <see cref="EnterprisesPermissions.Update"/> add a contact or edit one (<c>?edit={contactId}</c>)
/// through <see cref="IEnterpriseProfileAppService"/> (the same service as the portal and the API); its field errors are
/// shown field by field and nothing is saved. Unknown or deleted enterprise, or a contact of another one: 404.
/// </summary>
[Authorize(Policy = EnterprisesPermissions.Default)]
public sealed class ContactsModel(
    IEnterpriseAppService enterprises,
    IEnterpriseProfileAppService profile,
    IAuthorizationService authorization,
    IStringLocalizer<EnterpriseUiResource> localizer) : PageModel
{
    /// <summary>The enterprise (route).</summary>
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    /// <summary>The contact being edited (query <c>edit</c>), or null for the add form.</summary>
    [BindProperty(SupportsGet = true, Name = "edit")]
    public Guid? EditId { get; set; }

    /// <summary>The add/edit form.</summary>
    [BindProperty]
    public ContactInput Contact { get; set; } = new();

    /// <summary>The enterprise.</summary>
    public EnterpriseDto Enterprise { get; private set; } = new();

    /// <summary>The contacts with their consent history, by name.</summary>
    public IReadOnlyList<ContactDto> Contacts { get; private set; } = [];

    /// <summary>True when the user may add and edit contacts.</summary>
    public bool CanEdit { get; private set; }

    /// <summary>A one-time notice after a save.</summary>
    [TempData]
    public string? StatusMessage { get; set; }

    /// <summary>Lists the contacts; fills the form with the contact being edited.</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (EditId is { } editId)
            {
                var c = await profile.GetContactAsync(Id, editId, cancellationToken);
                Contact = new ContactInput
                {
                    FullName = c.FullName, Position = c.Position, Email = c.Email, Mobile = c.Mobile, ConcurrencyStamp = c.ConcurrencyStamp,
                    PreferredLanguage = c.PreferredLanguage,
                };
            }

            await LoadAsync(cancellationToken);
        }
        catch (EntityNotFoundException)
        {
            return NotFound();
        }

        return Page();
    }

    /// <summary>Adds the contact, or saves the one being edited (<see cref="EnterprisesPermissions.Update"/>).</summary>
    public async Task<IActionResult> OnPostSaveAsync(CancellationToken cancellationToken)
    {
        if (!(await authorization.AuthorizeAsync(User, EnterprisesPermissions.Update)).Succeeded)
        {
            return Forbid();
        }

        try
        {
            if (EditId is { } editId)
            {
                await profile.UpdateContactAsync(Id, editId, new UpdateContactDto
                {
                    FullName = Contact.FullName, Position = Contact.Position, Email = Contact.Email, Mobile = Contact.Mobile,
                    ConcurrencyStamp = Contact.ConcurrencyStamp, PreferredLanguage = Contact.PreferredLanguage,
                }, cancellationToken);
            }
            else
            {
                await profile.CreateContactAsync(Id, new CreateContactDto
                {
                    FullName = Contact.FullName, Position = Contact.Position, Email = Contact.Email, Mobile = Contact.Mobile,
                    PreferredLanguage = Contact.PreferredLanguage,
                }, cancellationToken);
            }

            StatusMessage = localizer["Portal.ContactSaved", Contact.FullName ?? ""].Value;
            return RedirectToPage("/Enterprises/Contacts", new { id = Id });
        }
        catch (EntityNotFoundException)
        {
            return NotFound();
        }
        catch (BusinessException ex) when (ex is not ForbiddenException)
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

        try
        {
            await LoadAsync(cancellationToken);
        }
        catch (EntityNotFoundException)
        {
            return NotFound();
        }

        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Enterprise = await enterprises.GetAsync(Id, cancellationToken);
        Contacts = await profile.GetContactsAsync(Id, cancellationToken);
        CanEdit = (await authorization.AuthorizeAsync(User, EnterprisesPermissions.Update)).Succeeded;
    }

    /// <summary>Contact form fields.</summary>
    public sealed class ContactInput
    {
        /// <summary>Full name (required).</summary>
        public string? FullName { get; set; }

        /// <summary>Position.</summary>
        public string? Position { get; set; }

        /// <summary>E-mail.</summary>
        public string? Email { get; set; }

        /// <summary>Mobile (Vietnamese format, stored as +84…).</summary>
        public string? Mobile { get; set; }

        /// <summary>Stamp of the contact being edited.</summary>
        public string? ConcurrencyStamp { get; set; }

        /// <summary>Language of e-mail to the contact: <c>vi</c> (default) or <c>en</c>.</summary>
        public string? PreferredLanguage { get; set; } = ContactLanguages.Vietnamese;
    }
}
