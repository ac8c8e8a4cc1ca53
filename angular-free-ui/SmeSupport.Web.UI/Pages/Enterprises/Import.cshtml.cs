using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using SmeSupport.Application;
using SmeSupport.Enterprises.Contracts;
using SmeSupport.Errors;

namespace SmeSupport.Web.UI.Pages.Enterprises;

/// <summary>
/// <c>/Enterprises/Import</c>: upload a CSV/XLSX file, see the dry run row by row, confirm, follow the background import's
/// progress (htmx polling of <c>?handler=Progress</c>), and the history of imports with revert. Between the dry run and the
/// confirmation the file waits in a temporary folder under a random name.
/// </summary>
[Authorize(Policy = EnterprisesPermissions.Import)]
[RequestSizeLimit(ImportModel.MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = ImportModel.MaxRequestBytes)]
public sealed class ImportModel(IEnterpriseImportAppService imports, IStringLocalizer<EnterpriseImportResource> t, IErrorMessageLocalizer errors) : PageModel
{
    /// <summary>Most dry-run rows shown on the page.</summary>
    public const int MaxRowsShown = 500;

    /// <summary>
    /// Largest request the page reads (256 MiB), well above the import's own file limit (<c>Enterprises:Import:MaxFileBytes</c>,
    /// 10 MB by default), so that a file over that limit is answered on the page with the import's message rather than refused
    /// by the server's default request limit (30 MB) before the page runs. The file is read no further than the import's limit.
    /// </summary>
    public const long MaxRequestBytes = 256L * 1024 * 1024;

    private static string UploadFolder => Path.Combine(Path.GetTempPath(), "smesupport-import-uploads");

    /// <summary>The dry-run report, after an upload.</summary>
    public ImportDryRunDto? Report { get; private set; }

    /// <summary>Token of the uploaded file waiting for confirmation.</summary>
    public string? Token { get; private set; }

    /// <summary>The batch whose progress is shown (query <c>id</c>).</summary>
    [BindProperty(SupportsGet = true)]
    public Guid? Id { get; set; }

    /// <summary>The batch shown, when <see cref="Id"/> is set.</summary>
    public EnterpriseImportDto? Batch { get; private set; }

    /// <summary>Recent imports.</summary>
    public PagedResultDto<EnterpriseImportDto> History { get; private set; } = new([], 0);

    /// <summary>An error to show (file refused, revert refused).</summary>
    public string? Error { get; private set; }

    /// <summary>A message to show (revert done).</summary>
    [TempData]
    public string? Message { get; set; }

    /// <summary>Shows the upload form, the history, and the batch <see cref="Id"/>.</summary>
    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    private async Task LoadAsync(CancellationToken ct)
    {
        History = await imports.GetListAsync(new PagedRequestDto { Page = 1, PageSize = 20 }, ct);
        if (Id is { } id)
        {
            try
            {
                Batch = await imports.GetAsync(id, ct);
            }
            catch (EntityNotFoundException)
            {
                Id = null;
            }
        }
    }

    /// <summary>The template file (<c>?handler=Template&amp;format=csv|xlsx</c>).</summary>
    public IActionResult OnGetTemplate(string? format)
    {
        var english = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
        var file = imports.GetTemplate(format == "csv" ? EnterpriseFileFormat.Csv : EnterpriseFileFormat.Xlsx, english);
        return File(file.Content, file.ContentType, file.FileName);
    }

    /// <summary>
    /// The progress fragment, polled by htmx while the import runs; once the batch has finished it carries the history too
    /// (swapped out of band), so the history row reads the batch's final status and counts.
    /// </summary>
    public async Task<IActionResult> OnGetProgressAsync(Guid id, CancellationToken ct)
    {
        Batch = await imports.GetAsync(id, ct);
        if (Batch.Status is not (EnterpriseImportStatus.Queued or EnterpriseImportStatus.Running))
        {
            History = await imports.GetListAsync(new PagedRequestDto { Page = 1, PageSize = 20 }, ct);
        }

        var result = Partial("_ImportProgress", this);
        result.ViewData["Oob"] = true;
        return result;
    }

    /// <summary>Uploads the file and shows the dry run; keeps the file for confirmation.</summary>
    public async Task<IActionResult> OnPostDryRunAsync(IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
        {
            Error = t["Import.NoFile"];
            await LoadAsync(ct);
            return Page();
        }

        try
        {
            // The import reads no further than its size limit (413 message otherwise); only a file within it is kept for confirmation.
            await using (var stream = file.OpenReadStream())
            {
                Report = await imports.DryRunAsync(stream, file.FileName, ct);
            }

            Directory.CreateDirectory(UploadFolder);
            Token = Guid.NewGuid().ToString("N");
            await using (var kept = System.IO.File.Create(Path.Combine(UploadFolder, Token)))
            await using (var again = file.OpenReadStream())
            {
                await again.CopyToAsync(kept, ct);
            }
        }
        catch (BusinessException ex)
        {
            Error = errors.Localize(ex);
        }

        await LoadAsync(ct);
        return Page();
    }

    /// <summary>Submits the file kept at the dry run; then shows its progress.</summary>
    public async Task<IActionResult> OnPostConfirmAsync(string? token, string? fileName, CancellationToken ct)
    {
        var path = token is { Length: 32 } && Guid.TryParseExact(token, "N", out _) ? Path.Combine(UploadFolder, token) : null;
        if (path is null || !System.IO.File.Exists(path))
        {
            Error = t["Import.Expired"];
            await LoadAsync(ct);
            return Page();
        }

        try
        {
            await using var stream = System.IO.File.OpenRead(path);
            var batch = await imports.SubmitAsync(stream, string.IsNullOrWhiteSpace(fileName) ? "import" : fileName, ct);
            return RedirectToPage(new { id = batch.Id });
        }
        catch (BusinessException ex)
        {
            Error = errors.Localize(ex);
            await LoadAsync(ct);
            return Page();
        }
        finally
        {
            System.IO.File.Delete(path);
        }
    }

    /// <summary>Reverts an import; a refusal (changed since, not completed) is shown as the error.</summary>
    public async Task<IActionResult> OnPostRevertAsync(Guid id, CancellationToken ct)
    {
        try
        {
            await imports.RevertAsync(id, ct);
            Message = t["Import.Reverted"];
            return RedirectToPage(new { id });
        }
        catch (BusinessException ex)
        {
            Error = errors.Localize(ex);
            Id = id;
            await LoadAsync(ct);
            return Page();
        }
    }
}
