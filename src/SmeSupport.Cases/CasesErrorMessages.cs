namespace SmeSupport.Cases;

/// <summary>
/// Marker of the Cases module's error messages keyed by error code (<see cref="Contracts.CasesErrorCodes"/>):
/// <c>CasesErrorMessages.resx</c> (Vietnamese, the default) and <c>CasesErrorMessages.en.resx</c> (English). InvalidTransition
/// takes the case's status as <c>{0}</c>; the reopen-window refusal gives no argument, so it keeps its own detailed English text.
/// </summary>
internal sealed class CasesErrorMessages
{
    private CasesErrorMessages()
    {
    }
}
