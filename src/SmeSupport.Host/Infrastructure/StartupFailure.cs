using System.Data.Common;
using Microsoft.Extensions.Options;

namespace SmeSupport.Host;

/// <summary>
/// Turns a start-up failure the operator can fix into one line and an exit code, instead of a stack trace:
/// <see cref="HostConfigurationException"/>, options validation (the message names the setting) and a missing folder
/// (e.g. <c>--contentRoot</c>) give exit code 2;
/// a database that does not answer (<see cref="DbException"/>, e.g. SQL Server unreachable or a login refused) gives 3.
/// Anything else is a fault and keeps its stack trace.
/// </summary>
public sealed record StartupFailure(string Message, int ExitCode)
{
    /// <summary>Exit code for a wrong setting.</summary>
    public const int ConfigurationExitCode = 2;

    /// <summary>Exit code for a database that cannot be reached or refuses the login.</summary>
    public const int DatabaseExitCode = 3;

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
                case DirectoryNotFoundException folder:
                    return new StartupFailure(
                        $"a folder named in the settings does not exist ({folder.Message}); a relative --contentRoot is taken from the program's folder, so give it in full.",
                        ConfigurationExitCode);
                case DbException db:
                    return new StartupFailure(
                        $"the database named by 'ConnectionStrings:Default' (provider from 'Database:Provider') does not answer: {db.Message}",
                        DatabaseExitCode);
            }

            if (ex is AggregateException { InnerExceptions.Count: > 0 } aggregate)
            {
                return aggregate.InnerExceptions.Select(Describe).FirstOrDefault(f => f is not null);
            }
        }

        return null;
    }
}
