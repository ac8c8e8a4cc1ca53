namespace SmeSupport.Host;

/// <summary>The host is configured wrongly; the message names the setting. The process exits with code 2.</summary>
public sealed class HostConfigurationException(string message, Exception? inner = null) : Exception(message, inner);
