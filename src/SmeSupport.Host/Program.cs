using SmeSupport.Host;

// SmeSupport host: composes the modules, Identity, Hangfire, OpenAPI and the Razor Pages UI.
// Start-up configuration errors (wrong provider, bad connection string, missing SendGrid key) stop
// the process with one clear line naming the setting, not a stack trace: exit code 2; a database
// that cannot be reached at start-up: exit code 3.
try
{
    var app = SmeSupportHost.Build(args);
    await app.RunAsync();
    return 0;
}
catch (Exception ex) when (StartupFailure.Describe(ex) is { } failure)
{
    Console.Error.WriteLine($"SmeSupport cannot start: {failure.Message}");
    return failure.ExitCode;
}

/// <summary>Entry point (public for WebApplicationFactory in tests).</summary>
public partial class Program;
