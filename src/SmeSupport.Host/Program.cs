using SmeSupport.Host;

// SmeSupport host: composes the modules, Identity, Hangfire, OpenAPI and the Razor Pages UI.
// Start-up failures stop the process with one line on stderr, not a stack trace (see StartupFailure):
// exit code 2 a wrong setting (named), 3 a database that does not answer, 4 a listening address in use,
// 1 anything else (the stack trace follows only in Development), 0 start-up stopped by SIGTERM.
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
catch (Exception ex)
{
    var failure = StartupFailure.Unexpected(ex);
    Console.Error.WriteLine(failure.ExitCode == 0 ? $"SmeSupport: {failure.Message}" : $"SmeSupport cannot start: {failure.Message}");
    if (failure.ExitCode != 0 && string.Equals(
            Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT"),
            "Development", StringComparison.OrdinalIgnoreCase))
    {
        Console.Error.WriteLine(ex);
    }

    return failure.ExitCode;
}

/// <summary>Entry point (public for WebApplicationFactory in tests).</summary>
public partial class Program;
