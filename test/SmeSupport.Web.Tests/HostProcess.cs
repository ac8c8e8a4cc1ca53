using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;

namespace SmeSupport.Web.Tests;

/// <summary>
/// The real host (<c>SmeSupport.Host.dll</c>) started as a separate process on a free loopback
/// port, with a temp SQLite database, a seeded admin, demo data and a file e-mail outbox.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    public const string AdminEmail = "admin@smesupport.test";
    public const string AdminPassword = "Pilot#2026-PhuTho";

    private readonly Process _process;
    private readonly StringBuilder _log = new();
    private readonly string _tempDir;

    private HostProcess(Process process, string tempDir, Uri baseAddress)
    {
        _process = process;
        _tempDir = tempDir;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>The file outbox the host writes e-mails to (one <c>.eml</c> per message).</summary>
    public string OutboxPath => Path.Combine(_tempDir, "outbox");

    /// <summary>What the host wrote to stdout and stderr so far.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public static string HostDllPath()
    {
        var fromEnv = Environment.GetEnvironmentVariable("SMESUPPORT_HOST_DLL");
        if (!string.IsNullOrEmpty(fromEnv))
        {
            return fromEnv;
        }

        return typeof(HostProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "SmeSupportHostDll").Value!;
    }

    public static async Task<HostProcess> StartAsync(TimeSpan startTimeout)
    {
        var dll = HostDllPath();
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException(
                $"The host was not found at {dll}. Build src/SmeSupport.Host (dotnet build SmeSupport.sln) or set SMESUPPORT_HOST_DLL.");
        }

        var tempDir = Path.Combine(Path.GetTempPath(), "smesupport-web-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(tempDir, "outbox"));
        var port = FreePort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}/");

        var start = new ProcessStartInfo(DotnetPath())
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ConnectionStrings__Default"] = $"Data Source={Path.Combine(tempDir, "smesupport.db")}";
        start.Environment["Seed__AdminEmail"] = AdminEmail;
        start.Environment["Seed__AdminPassword"] = AdminPassword;
        start.Environment["Seed__DemoData"] = "true";
        start.Environment["Email__OutboxPath"] = Path.Combine(tempDir, "outbox");
        // Keep everything the host writes out of its bin folder (job storage, data-protection keys).
        start.Environment["ConnectionStrings__Jobs"] = $"Data Source={Path.Combine(tempDir, "jobs.db")}";
        start.Environment["DataProtection__KeysPath"] = Path.Combine(tempDir, "keys");
        start.Environment.Remove("ASPNETCORE_URLS");

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var host = new HostProcess(process, tempDir, baseAddress);
        process.OutputDataReceived += (_, e) => host.Append(e.Data);
        process.ErrorDataReceived += (_, e) => host.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            await host.WaitForHealthAsync(startTimeout);
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }

        return host;
    }

    private async Task WaitForHealthAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                // Wait for the redirected output to drain so the log holds the host's last words.
                await _process.WaitForExitAsync();
                throw new InvalidOperationException($"The host exited with code {_process.ExitCode} before /health answered.\n{Log}");
            }

            try
            {
                using var response = await http.GetAsync("health");
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

            await Task.Delay(250);
        }

        throw new TimeoutException($"/health did not answer 200 within {timeout.TotalSeconds:0} s.\n{Log}");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }
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

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
        }
        catch (InvalidOperationException)
        {
            // never started or already gone
        }
        catch (TimeoutException)
        {
            // leave it; the OS reaps it with the test run
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_tempDir, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the file for a moment
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
