using SmeSupport.Application;
using SmeSupport.Errors;

namespace SmeSupport.EInvoicing.Application;

/// <summary>Paging checks shared by the module's list operations.</summary>
internal static class Paging
{
    /// <summary>Adds field errors for page &lt; 1 or page size outside 1–<see cref="PagedRequestDto.MaxPageSize"/>.</summary>
    public static FieldErrors Check(PagedRequestDto paging, FieldErrors errors)
    {
        if (paging.Page < 1)
        {
            errors.Add("page", FieldText.Get("Field.Page"));
        }

        if (paging.PageSize is < 1 or > PagedRequestDto.MaxPageSize)
        {
            errors.Add("pageSize", FieldText.Get("Field.PageSize", PagedRequestDto.MaxPageSize));
        }

        return errors;
    }
}
