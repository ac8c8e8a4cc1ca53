namespace SmeSupport.Errors;

/// <summary>Marker of the shared error-code messages (<c>CoreErrorMessages.resx</c> Vietnamese, <c>CoreErrorMessages.en.resx</c> English).</summary>
public sealed class CoreErrorMessages
{
    private CoreErrorMessages()
    {
    }
}
