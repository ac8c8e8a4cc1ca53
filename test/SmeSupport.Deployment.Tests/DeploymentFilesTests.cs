using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace SmeSupport.Deployment.Tests;

/// <summary>The files under <c>etc/</c> hold no secret, and the sample settings load as the host loads them.</summary>
public sealed class DeploymentFilesTests
{
    private static readonly string Root = typeof(DeploymentFilesTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "SmeSupportRepositoryRoot").Value!;

    [Fact]
    public void The_sample_production_settings_load_and_hold_no_secret()
    {
        var config = new ConfigurationBuilder().AddJsonFile(Path.Combine(Root, "etc", "appsettings.Production.sample.json"), optional: false).Build();

        Assert.Equal("SqlServer", config["Database:Provider"]);
        Assert.StartsWith("https://", config["App:PublicBaseUrl"], StringComparison.Ordinal);
        Assert.Equal("False", config["Database:MigrateOnStartup"], ignoreCase: true);
        Assert.Equal("True", config["ForwardedHeaders:Enabled"], ignoreCase: true);
        Assert.Equal("", config["ConnectionStrings:Default"]);
        Assert.Equal("", config["SendGrid:ApiKey"]);
        Assert.Equal("", config["DataProtection:KeysPath"]);
        // Recommended quiet hours: advertising held 21:00–07:00 Vietnam time, service messages not held.
        Assert.Equal(("21:00", "07:00"), (config["Outreach:QuietHours:Start"], config["Outreach:QuietHours:End"]));
        Assert.Equal(["Advertising"], config.GetSection("Outreach:QuietHours:Purposes").GetChildren().Select(c => c.Value));
        Assert.DoesNotContain(config.AsEnumerable(), kv => kv.Value?.Contains("Password=", StringComparison.OrdinalIgnoreCase) == true);
    }

    [Theory]
    [InlineData("docker-compose.yml")]
    [InlineData("systemd/smesupport.service")]
    [InlineData("nginx/smesupport.conf")]
    [InlineData("appsettings.Production.sample.json")]
    public void Deployment_files_take_secrets_from_the_environment_only(string file)
    {
        var text = File.ReadAllText(Path.Combine(Root, "etc", file));
        Assert.DoesNotContain("SG.", text.Replace("SG.…", "", StringComparison.Ordinal), StringComparison.Ordinal);
        foreach (var line in text.Split('\n').Where(l => l.Contains("Password=", StringComparison.Ordinal)))
        {
            Assert.Matches(@"Password=(\$\{[A-Z_]+\}|…)", line);
        }
    }

    [Fact]
    public void Every_path_the_portal_writes_is_under_the_writable_folder_in_the_settings_unit_and_compose_file()
    {
        var config = new ConfigurationBuilder().AddJsonFile(Path.Combine(Root, "etc", "appsettings.Production.sample.json"), optional: false).Build();
        var unit = File.ReadAllText(Path.Combine(Root, "etc", "systemd", "smesupport.service"));
        var compose = File.ReadAllText(Path.Combine(Root, "etc", "docker-compose.yml"));

        Assert.Equal("/var/lib/smesupport/attachments", config["Cases:AttachmentsPath"]);
        Assert.Equal("/var/lib/smesupport/outbox", config["Email:OutboxPath"]);
        Assert.Equal("/var/lib/smesupport/jobs.db", config["ConnectionStrings:Jobs"]);
        Assert.Contains("ReadWritePaths=/var/lib/smesupport", unit, StringComparison.Ordinal);
        Assert.Contains("Environment=Cases__AttachmentsPath=/var/lib/smesupport/attachments", unit, StringComparison.Ordinal);
        Assert.Contains("Environment=Email__OutboxPath=/var/lib/smesupport/outbox", unit, StringComparison.Ordinal);
        Assert.Contains("Environment=ConnectionStrings__Jobs=/var/lib/smesupport/jobs.db", unit, StringComparison.Ordinal);
        Assert.Contains("Cases__AttachmentsPath: /var/lib/smesupport/attachments", compose, StringComparison.Ordinal);
        Assert.Contains("Email__OutboxPath: /var/lib/smesupport/outbox", compose, StringComparison.Ordinal);
        Assert.Contains("- data:/var/lib/smesupport", compose, StringComparison.Ordinal);
    }

    [Fact]
    public void The_operator_recipes_work_as_written()
    {
        var config = new ConfigurationBuilder().AddJsonFile(Path.Combine(Root, "etc", "appsettings.Production.sample.json"), optional: false).Build();
        var unit = File.ReadAllText(Path.Combine(Root, "etc", "systemd", "smesupport.service"));
        var compose = File.ReadAllText(Path.Combine(Root, "etc", "docker-compose.yml"));
        var nginx = File.ReadAllText(Path.Combine(Root, "etc", "nginx", "smesupport.conf"));
        var readme = File.ReadAllText(Path.Combine(Root, "README.md"));

        // curl localhost:5080/health/ready on the node passes host filtering.
        Assert.Contains("localhost", config["AllowedHosts"]!.Split(';'));
        // The env file is read by `set -a; .` (never by xargs, which splits values at spaces and semicolons).
        Assert.DoesNotContain("xargs", unit + readme, StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings__Default=\"Server=", unit, StringComparison.Ordinal);
        // Config exit code 2 is not restarted.
        Assert.Matches(@"(?m)^RestartPreventExitStatus=.*\b2\b", unit);
        // nginx 1.22 (Debian 12) knows no "http2 on;".
        Assert.DoesNotMatch(@"(?m)^\s*http2 on;", nginx);
        Assert.Contains("listen 443 ssl http2;", nginx, StringComparison.Ordinal);
        // The healthcheck runs bash (/dev/tcp), not sh (dash).
        Assert.Contains("test: [\"CMD\", \"bash\", \"-c\"", compose, StringComparison.Ordinal);
        Assert.Contains("SendGrid__FromEmail", compose, StringComparison.Ordinal);
        // `dotnet run` takes launchSettings.json's Development profile unless told not to.
        Assert.Contains("--no-launch-profile", readme, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_double_quoted_env_file_value_with_spaces_and_semicolons_survives_bash_sourcing()
    {
        var file = Path.Combine(Path.GetTempPath(), $"smesupport-{Guid.NewGuid():N}.env");
        const string value = "Server=sql.internal;Database=SmeSupport;User Id=smesupport;Password=a b;c;Encrypt=true";
        await File.WriteAllTextAsync(file, $"ConnectionStrings__Default=\"{value}\"\n");
        try
        {
            var start = new System.Diagnostics.ProcessStartInfo("bash", ["-c", $"set -a; . '{file}'; set +a; printf %s \"$ConnectionStrings__Default\""])
            {
                RedirectStandardOutput = true,
            };
            using var bash = System.Diagnostics.Process.Start(start)!;
            var output = await bash.StandardOutput.ReadToEndAsync();
            await bash.WaitForExitAsync();

            Assert.Equal(value, output);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
