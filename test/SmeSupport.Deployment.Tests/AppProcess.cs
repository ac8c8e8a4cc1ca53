using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;

namespace SmeSupport.Deployment.Tests;

/// <summary>
/// The built host (<c>SmeSupport.Host.dll</c>) or DbMigrator run as a separate process with <c>dotnet</c>, as an
/// operator runs them: settings through environment variables, output captured. A host listens on a free loopback port.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();

    private AppProcess(Process process, Uri? baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    /// <summary>Where a host listens (null for a tool).</summary>
    public Uri? BaseAddress { get; }

    /// <summary>Standard output so far.</summary>
    public string Stdout
    {
        get
        {
            lock (_stdout)
            {
                return _stdout.ToString();
            }
        }
    }

    /// <summary>Standard error so far.</summary>
    public string Stderr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    /// <summary>The exit code (after <see cref="WaitForExitAsync"/>).</summary>
    public int ExitCode => _process.ExitCode;

    public static string HostDll => Dll("SMESUPPORT_HOST_DLL", "SmeSupportHostDll");

    public static string DbMigratorDll => Dll("SMESUPPORT_DBMIGRATOR_DLL", "SmeSupportDbMigratorDll");

    /// <summary>Starts the host on a free port with <paramref name="environment"/> (keys as <c>Section__Key</c>).</summary>
    public static AppProcess StartHost(IDictionary<string, string> environment, params string[] args)
    {
        var port = FreePort();
        return Start(HostDll, environment, ["--urls", $"http://127.0.0.1:{port}", .. args], new Uri($"http://127.0.0.1:{port}/"));
    }

    /// <summary>Starts the host and waits until <c>/health/ready</c> answers 200.</summary>
    public static async Task<AppProcess> StartHostReadyAsync(IDictionary<string, string> environment, TimeSpan timeout)
    {
        var host = StartHost(environment);
        try
        {
            await host.WaitForReadyAsync(timeout);
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }

        return host;
    }

    /// <summary>Runs the DbMigrator to its end and returns it (exit code, output).</summary>
    public static async Task<AppProcess> RunDbMigratorAsync(IDictionary<string, string> environment, TimeSpan timeout, params string[] args)
    {
        var tool = Start(DbMigratorDll, environment, args, null);
        await tool.WaitForExitAsync(timeout);
        return tool;
    }

    /// <summary>Runs the host with settings that should stop it, to its end.</summary>
    public static async Task<AppProcess> RunHostToExitAsync(IDictionary<string, string> environment, TimeSpan timeout, params string[] args)
    {
        var host = StartHost(environment, args);
        await host.WaitForExitAsync(timeout);
        return host;
    }

    /// <summary>Waits for the process to end; kills it and throws after <paramref name="timeout"/>.</summary>
    public async Task WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw new TimeoutException($"The process did not end within {timeout.TotalSeconds:0} s.\nstdout:\n{Stdout}\nstderr:\n{Stderr}");
        }

        _process.WaitForExit(); // drains the redirected output
    }

    /// <summary>Waits until <c>/health/ready</c> answers 200.</summary>
    public async Task WaitForReadyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                _process.WaitForExit();
                throw new InvalidOperationException($"The host exited with code {_process.ExitCode} before it was ready.\nstdout:\n{Stdout}\nstderr:\n{Stderr}");
            }

            try
            {
                using var response = await http.GetAsync("health/ready");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException)
            {
                // slow start
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"/health/ready did not answer 200 within {timeout.TotalSeconds:0} s.\nstdout:\n{Stdout}\nstderr:\n{Stderr}");
    }

    /// <summary>A client for this host (no cookies kept, no redirects followed).</summary>
    public HttpClient CreateClient() =>
        new(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Stops the process (kill) and waits for it.</summary>
    public async Task StopAsync()
    {
        Kill();
        try
        {
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(15));
        }
        catch (TimeoutException)
        {
            // the OS reaps it with the test run
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process.Dispose();
    }

    private void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
    }

    private static AppProcess Start(string dll, IDictionary<string, string> environment, IEnumerable<string> args, Uri? baseAddress)
    {
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{dll} was not found. Build the solution first (dotnet build SmeSupport.sln).");
        }

        var start = new ProcessStartInfo(DotnetPath())
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // Nothing inherited from the test run's environment decides how the app behaves.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("ASPNETCORE_", StringComparison.Ordinal)
                     || k.StartsWith("DOTNET_ENVIRONMENT", StringComparison.Ordinal) || k.StartsWith("OTEL_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var app = new AppProcess(process, baseAddress);
        process.OutputDataReceived += (_, e) => Append(app._stdout, e.Data);
        process.ErrorDataReceived += (_, e) => Append(app._stderr, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return app;
    }

    private static void Append(StringBuilder log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.AppendLine(line);
        }
    }

    private static string Dll(string variable, string metadataKey)
    {
        var fromEnv = Environment.GetEnvironmentVariable(variable);
        return !string.IsNullOrEmpty(fromEnv)
            ? fromEnv
            : typeof(AppProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == metadataKey).Value!;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string DotnetPath()
    {
        var fromSdk = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(fromSdk) && File.Exists(fromSdk))
        {
            return fromSdk;
        }

        var current = Environment.ProcessPath;
        return current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet" ? current : "dotnet";
    }
}

/// <summary>A temporary folder for one test's database, job storage and outbox; deleted at the end.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "smesupport-deployment-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
