using SmeSupport.Host;

// SmeSupport.DbMigrator: applies EF Core migrations and seeds reference data, roles, the admin user
// and (with Seed:DemoData=true) the demo data, for the configured provider; then exits.
// Usage: dotnet run --project src/SmeSupport.DbMigrator -- [--ConnectionStrings:Default=...] [--Database:Provider=SqlServer]
// Relative SQLite paths are resolved against the current directory.
try
{
    var app = SmeSupportHost.Build(args, builder =>
    {
        builder.Configuration["Hangfire:ServerEnabled"] = "false";
    }, withPipeline: false);
    await SmeSupportHost.MigrateAndSeedAsync(app);
    Console.WriteLine("SmeSupport database is migrated and seeded.");
    return 0;
}
catch (HostConfigurationException ex)
{
    Console.Error.WriteLine($"SmeSupport.DbMigrator cannot start: {ex.Message}");
    return 2;
}
catch (Microsoft.Extensions.Options.OptionsValidationException ex)
{
    Console.Error.WriteLine($"SmeSupport.DbMigrator cannot start: {string.Join(" ", ex.Failures)}");
    return 2;
}
