namespace SmeSupport.Enterprises.Import;

/// <summary>Settings of enterprise import (section <c>Enterprises:Import</c>).</summary>
internal sealed class EnterpriseImportOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Enterprises:Import";

    /// <summary>Largest file accepted, bytes (default 10 MiB); a larger one answers 413.</summary>
    public long MaxFileBytes { get; set; } = 10L * 1024 * 1024;

    /// <summary>Rows written per transaction by the background job (progress is updated after each).</summary>
    public int ChunkSize { get; set; } = 2000;
}
