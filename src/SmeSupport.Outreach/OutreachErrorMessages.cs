namespace SmeSupport.Outreach;

/// <summary>
/// Marker of the Outreach module's error messages keyed by error code (<see cref="Contracts.OutreachErrorCodes"/>,
/// <see cref="Contracts.OutreachTemplateErrorCodes"/>): <c>OutreachErrorMessages.resx</c> (Vietnamese, the default) and
/// <c>OutreachErrorMessages.en.resx</c> (English).
/// </summary>
internal sealed class OutreachErrorMessages
{
    private OutreachErrorMessages()
    {
    }
}
