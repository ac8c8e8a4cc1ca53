namespace SmeSupport.Trials;

/// <summary>
/// Marker of the Trials module's error messages keyed by error code (<see cref="Contracts.TrialsErrorCodes"/>):
/// <c>TrialsErrorMessages.resx</c> (Vietnamese, the default) and <c>TrialsErrorMessages.en.resx</c> (English).
/// </summary>
internal sealed class TrialsErrorMessages
{
    private TrialsErrorMessages()
    {
    }
}
