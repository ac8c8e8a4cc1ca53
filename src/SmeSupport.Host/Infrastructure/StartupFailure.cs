using System.Data.Common;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace SmeSupport.Host;

/// <summary>
/// Turns a start-up failure the operator can fix into one line and an exit code, instead of a stack trace:
/// <see cref="HostConfigurationException"/>, options validation (the message names the setting), a configuration value
/// of the wrong type (e.g. <c>Hangfire:ServerEnabled=maybe</c>), a malformed <c>--urls</c>, a folder or file that cannot
/// be created or written, and a weak <c>Seed:AdminPassword</c> give exit code 2;
/// a database that does not answer (<see cref="DbException"/>, e.g. SQL Server unreachable or a login refused) gives 3;
/// an address already in use gives 4 (another process holds the port: restarting later may help).
/// Anything else is a fault: <see cref="Unexpected"/> makes it one line with exit code 1.
/// </summary>
public sealed partial record StartupFailure(string Message, int ExitCode)
{
    /// <summary>Exit code for an unexpected fault.</summary>
    public const int FaultExitCode = 1;

    /// <summary>Exit code for a wrong setting.</summary>
    public const int ConfigurationExitCode = 2;

    /// <summary>Exit code for a database that cannot be reached or refuses the login.</summary>
    public const int DatabaseExitCode = 3;

    /// <summary>Exit code for a listening address that is already in use (or refused by the operating system).</summary>
    public const int AddressInUseExitCode = 4;

    [GeneratedRegex(@"^Failed to convert configuration value '(?<value>.*)' at '(?<key>[^']*)' to type '(?<type>[^']*)'", RegexOptions.Singleline)]
    private static partial Regex ConversionFailure();

    /// <summary>Describes <paramref name="exception"/> (or an exception it wraps), or returns null when it is a fault.</summary>
    public static StartupFailure? Describe(Exception exception)
    {
        for (var ex = exception; ex is not null; ex = ex.InnerException)
        {
            switch (ex)
            {
                case HostConfigurationException config:
                    return new StartupFailure(config.Message, ConfigurationExitCode);
                case OptionsValidationException options:
                    return new StartupFailure(string.Join(" ", options.Failures), ConfigurationExitCode);
                case InvalidOperationException conversion when ConversionFailure().Match(conversion.Message) is { Success: true } m:
                    return new StartupFailure(
                        $"Setting '{m.Groups["key"].Value}' has the value '{m.Groups["value"].Value}', which is not a valid {TypeName(m.Groups["type"].Value)}.",
                        ConfigurationExitCode);
                case InvalidOperationException seed when seed.Message.Contains("Seed:AdminPassword", StringComparison.Ordinal):
                    return new StartupFailure(seed.Message, ConfigurationExitCode);
                case FormatException url when url.Message.StartsWith("Invalid url", StringComparison.Ordinal):
                    return new StartupFailure(
                        $"Setting 'Urls' (--urls, ASPNETCORE_URLS) is not a listening address: {url.Message} (expected e.g. http://127.0.0.1:5080).",
                        ConfigurationExitCode);
                case DirectoryNotFoundException folder:
                    return new StartupFailure(
                        $"a folder named in the settings does not exist ({folder.Message}); a relative --contentRoot is taken from the program's folder, so give it in full.",
                        ConfigurationExitCode);
                case IOException bind when bind.Message.StartsWith("Failed to bind to address", StringComparison.Ordinal):
                    return new StartupFailure(
                        $"{bind.Message.TrimEnd('.')} (setting 'Urls' / --urls): another process holds the port, or the address is not on this machine.",
                        AddressInUseExitCode);
                case DbException db:
                    return new StartupFailure(
                        $"the database named by 'ConnectionStrings:Default' (provider from 'Database:Provider') does not answer: {db.Message}",
                        DatabaseExitCode);
                case UnauthorizedAccessException or IOException:
                    return new StartupFailure(
                        $"a file or folder named in the settings cannot be used: {ex.Message}",
                        ConfigurationExitCode);
            }

            if (ex is AggregateException { InnerExceptions.Count: > 0 } aggregate)
            {
                return aggregate.InnerExceptions.Select(Describe).FirstOrDefault(f => f is not null);
            }
        }

        return null;
    }

    /// <summary>
    /// The last resort for a start-up failure <see cref="Describe"/> does not know: one line with the exception's type
    /// and message, exit code 1 (the stack trace is printed only in Development, by the caller). A start-up stopped by
    /// SIGTERM or Ctrl+C (<see cref="OperationCanceledException"/>) is a clean stop: exit code 0.
    /// </summary>
    public static StartupFailure Unexpected(Exception exception) => exception is OperationCanceledException
        ? new StartupFailure("start-up was stopped (SIGTERM or Ctrl+C) before it finished.", 0)
        : new StartupFailure($"{exception.GetType().FullName}: {exception.Message.ReplaceLineEndings(" ")}", FaultExitCode);

    private static string TypeName(string clrType) => clrType switch
    {
        "System.Boolean" => "boolean (true or false)",
        "System.Int32" or "System.Int64" => "whole number",
        "System.Double" or "System.Decimal" => "number",
        "System.TimeSpan" => "duration (e.g. 00:10:00)",
        _ => clrType.StartsWith("System.", StringComparison.Ordinal) ? clrType["System.".Length..] : $"value of type {clrType}",
    };
}
