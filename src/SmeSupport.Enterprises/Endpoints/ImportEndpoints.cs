using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using SmeSupport.Application;
using SmeSupport.Enterprises.Contracts;
using SmeSupport.Enterprises.Import;
using SmeSupport.Errors;
using SmeSupport.Security;

namespace SmeSupport.Enterprises.Endpoints;

/// <summary>HTTP API of import and export: <c>/api/enterprises/imports…</c> and <c>/api/enterprises/export</c>.</summary>
internal static class ImportEndpoints
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/export", async ([AsParameters] EnterpriseEndpoints.EnterpriseListQuery query, string? format, string? lang,
                IEnterpriseImportAppService service, CancellationToken ct) =>
            {
                var file = await service.ExportAsync(query.ToFilter(), ParseFormat(format), IsEnglish(lang), ct);
                return TypedResults.File(file.Content, file.ContentType, file.FileName);
            })
            .WithTags("Enterprise import and export")
            .WithSummary("Exports every enterprise matching the list filters (q, wardCode, legalForm, size, section, programmeStatus, cohort) as "
                         + "format=xlsx (default) or csv, Vietnamese headers (lang=en for English). Cells starting with = + - @ tab CR are prefixed with '.");

        var imports = group.MapGroup("/imports").WithTags("Enterprise import and export").RequirePermission(EnterprisesPermissions.Import);

        imports.MapGet("/template", (string? format, string? lang, IEnterpriseImportAppService service) =>
            {
                var file = service.GetTemplate(ParseFormat(format), IsEnglish(lang));
                return TypedResults.File(file.Content, file.ContentType, file.FileName);
            })
            .WithSummary("The import template: headers (Vietnamese; lang=en English) and one example row; format=xlsx (default) or csv.");

        imports.MapPost("/dry-run", async (HttpRequest request, IEnterpriseImportAppService service, IOptions<EnterpriseImportOptions> options,
                CancellationToken ct) =>
            {
                var (stream, name) = await ReadFileAsync(request, options.Value.MaxFileBytes, ct);
                await using (stream)
                {
                    return TypedResults.Ok(await service.DryRunAsync(stream, name, ct));
                }
            })
            .DisableAntiforgery()
            .WithSummary("Reads the file (multipart field 'file': CSV or XLSX) and reports row by row what an import would create or update "
                         + "(by tax code, old → new) and the errors. Writes nothing. 400 ImportFileUnreadable|ImportFileEmpty|ImportUnknownColumns|"
                         + "ImportMissingColumns|ImportTooManyRows; 413 ImportFileTooLarge.")
            .Produces<ImportDryRunDto>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);

        imports.MapPost("/", async Task<AcceptedAtRoute<EnterpriseImportDto>> (HttpRequest request, IEnterpriseImportAppService service,
                IOptions<EnterpriseImportOptions> options, CancellationToken ct) =>
            {
                var (stream, name) = await ReadFileAsync(request, options.Value.MaxFileBytes, ct);
                await using (stream)
                {
                    var batch = await service.SubmitAsync(stream, name, ct);
                    return TypedResults.AcceptedAtRoute(batch, "GetEnterpriseImport", new { id = batch.Id });
                }
            })
            .DisableAntiforgery()
            .WithSummary("Keeps the file as an import batch and imports it in the background (202; poll GET /api/enterprises/imports/{id}). "
                         + "Row by row: rows in error are skipped, good rows written whole. Same 400/413 as the dry run; nothing is kept on them.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);

        imports.MapGet("/", async (int? page, int? pageSize, IEnterpriseImportAppService service, CancellationToken ct) =>
                TypedResults.Ok(await service.GetListAsync(new PagedRequestDto { Page = page ?? 1, PageSize = pageSize ?? 20 }, ct)))
            .WithSummary("Import batches, newest first.")
            .Produces<PagedResultDto<EnterpriseImportDto>>();

        imports.MapGet("/{id:guid}", async (Guid id, IEnterpriseImportAppService service, CancellationToken ct) =>
                TypedResults.Ok(await service.GetAsync(id, ct)))
            .WithName("GetEnterpriseImport")
            .WithSummary("One import batch: status, rows processed / total, counts.");

        imports.MapGet("/{id:guid}/rows", async (Guid id, EnterpriseImportRowOutcome? outcome, int? page, int? pageSize,
                IEnterpriseImportAppService service, CancellationToken ct) =>
                TypedResults.Ok(await service.GetRowsAsync(id, outcome, new PagedRequestDto { Page = page ?? 1, PageSize = pageSize ?? 50 }, ct)))
            .WithSummary("Row results of a batch in file order (outcome=Create|Update|Unchanged|Error|Pending to narrow).");

        imports.MapPost("/{id:guid}/revert", async (Guid id, IEnterpriseImportAppService service, CancellationToken ct) =>
                TypedResults.Ok(await service.RevertAsync(id, ct)))
            .WithSummary("Reverts a completed import: created enterprises soft-deleted, changed ones restored. 409 ImportNotRevertible, or "
                         + "ImportChangedSince when records were changed afterwards (nothing reverted; 'rows' lists them).")
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    /// <summary>The file format asked for; 400 with a field message in the current UI culture (Vietnamese by default) for any other.</summary>
    private static EnterpriseFileFormat ParseFormat(string? format) => format?.Trim().ToLowerInvariant() switch
    {
        null or "" or "xlsx" => EnterpriseFileFormat.Xlsx,
        "csv" => EnterpriseFileFormat.Csv,
        _ => throw new InputValidationException(new Dictionary<string, string[]> { ["format"] = [EnterprisesText.Get("Import.ExportFormatUnknown")] }),
    };

    private static bool IsEnglish(string? lang) => lang?.Trim().StartsWith("en", StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>
    /// The uploaded file (multipart field 'file'); 413 when the request or file is over the limit, 400 when there is none. The endpoints
    /// carry no <c>Accepts</c> metadata on purpose: with it routing answers any other content type (a JSON body) with a bare 415 before
    /// this code runs; here it is a 400 <see cref="EnterprisesErrorCodes.ImportFileEmpty"/> with the localized NotMultipart message.
    /// </summary>
    private static async Task<(Stream Stream, string Name)> ReadFileAsync(HttpRequest request, long max, CancellationToken ct)
    {
        // Room for the multipart envelope around the file.
        if (request.ContentLength is { } length && length > max + (64 * 1024))
        {
            throw EnterpriseImportAppService.TooLarge(max);
        }

        if (!request.HasFormContentType)
        {
            throw EnterpriseFileReader.Empty("Send the file as multipart/form-data in the field 'file' (CSV or XLSX).", "NotMultipart");
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(ct);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw EnterpriseImportAppService.TooLarge(max);
        }
        catch (Exception ex) when ((ex is InvalidDataException or IOException) && !ct.IsCancellationRequested)
        {
            // A body cut short ("Unexpected end of Stream", an IOException), wrong boundaries, oversize headers: the client's fault, 400.
            throw new BusinessException(EnterprisesErrorCodes.ImportFileUnreadable, "The multipart form could not be read: " + ex.Message)
            {
                MessageArgs = [EnterprisesErrorMessages.Part("ImportFileUnreadable.Multipart")],
            };
        }

        var file = form.Files.GetFile("file") ?? (form.Files.Count > 0 ? form.Files[0] : null);
        if (file is null || file.Length == 0)
        {
            throw EnterpriseFileReader.Empty("No file was sent (multipart field 'file'), or it is empty.", "NoFile");
        }

        if (file.Length > max)
        {
            throw EnterpriseImportAppService.TooLarge(max);
        }

        return (file.OpenReadStream(), file.FileName);
    }
}
