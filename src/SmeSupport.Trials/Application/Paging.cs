using SmeSupport.Application;
using SmeSupport.Errors;

namespace SmeSupport.Trials.Application;

/// <summary>Paging checks shared by the module's list operations.</summary>
internal static class Paging
{
    /// <summary>Adds field errors for page &lt; 1 or page size outside 1–<see cref="PagedRequestDto.MaxPageSize"/>.</summary>
    public static FieldErrors Check(PagedRequestDto paging, FieldErrors errors)
    {
        if (paging.Page < 1)
        {
            errors.Add("page", TrialsText.Get("Field.PageMin"));
        }

        if (paging.PageSize is < 1 or > PagedRequestDto.MaxPageSize)
        {
            errors.Add("pageSize", TrialsText.Get("Field.PageSizeRange", PagedRequestDto.MaxPageSize));
        }

        return errors;
    }
}
