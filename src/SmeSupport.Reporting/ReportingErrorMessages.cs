namespace SmeSupport.Reporting;

/// <summary>
/// Marker of the Reporting module's messages: error codes (<see cref="Contracts.ReportingErrorCodes"/>) and field messages
/// (<c>Field.*</c>), in <c>ReportingErrorMessages.resx</c> (Vietnamese, the default) and <c>ReportingErrorMessages.en.resx</c> (English).
/// </summary>
internal sealed class ReportingErrorMessages
{
    private ReportingErrorMessages()
    {
    }
}
