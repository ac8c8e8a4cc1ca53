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
}
