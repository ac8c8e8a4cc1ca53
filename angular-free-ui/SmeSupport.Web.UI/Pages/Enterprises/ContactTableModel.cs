using SmeSupport.Enterprises.Contracts;

namespace SmeSupport.Web.UI.Pages.Enterprises;

/// <summary>What <c>_ContactTable</c> shows: an enterprise's contacts, and whether the user may edit them.</summary>
/// <param name="EnterpriseId">The enterprise (for the edit links).</param>
/// <param name="Contacts">Its contacts with their consent history.</param>
/// <param name="CanEdit">True: show the edit links.</param>
public sealed record ContactTableModel(Guid EnterpriseId, IReadOnlyList<ContactDto> Contacts, bool CanEdit);
