namespace SmeSupport.Application;

/// <summary>A page of a list: <c>{"items":[…],"totalCount":n}</c> (ABP's <c>PagedResultDto</c>).</summary>
/// <typeparam name="T">Item DTO type.</typeparam>
/// <param name="Items">The items of the requested page.</param>
/// <param name="TotalCount">How many items match the filter, over all pages.</param>
public sealed record PagedResultDto<T>(IReadOnlyList<T> Items, int TotalCount);

/// <summary>Paging input shared by list endpoints: 1-based <c>page</c>, <c>pageSize</c> 1–200 (default 20).</summary>
public record PagedRequestDto
{
    /// <summary>Largest page size accepted.</summary>
    public const int MaxPageSize = 200;

    /// <summary>1-based page number.</summary>
    public int Page { get; init; } = 1;

    /// <summary>Items per page, 1–200.</summary>
    public int PageSize { get; init; } = 20;

    /// <summary>Rows to skip for this page; a page beyond <see cref="int.MaxValue"/> rows skips everything (an empty page), never wraps around.</summary>
    public int Skip => SkipFor(Page, PageSize);

    /// <summary>Rows to skip for a 1-based page, computed without overflow and clamped to <see cref="int.MaxValue"/>.</summary>
    public static int SkipFor(int page, int pageSize) => (int)Math.Min(int.MaxValue, (Math.Max(page, 1) - 1L) * Math.Max(pageSize, 0));
}
