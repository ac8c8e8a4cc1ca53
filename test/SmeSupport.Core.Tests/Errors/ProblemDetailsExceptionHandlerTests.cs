using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SmeSupport.Core.Tests.Text;
using SmeSupport.Errors;
using SmeSupport.Json;

namespace SmeSupport.Core.Tests.Errors;

/// <summary>
/// The exception handler and the Problem Details shape through a real service provider (localization from the Core resources,
/// the ASP.NET Core Problem Details writer) and a recording logger.
/// </summary>
public sealed class ProblemDetailsExceptionHandlerTests : IDisposable
{
    private readonly RecordingLoggerProvider _logs = new();
    private readonly ServiceProvider _services;

    public ProblemDetailsExceptionHandlerTests()
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(_logs));
        services.AddErrorMessages<CoreErrorMessages>();
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture("vi");
            o.SupportedCultures = o.SupportedUICultures = [new CultureInfo("vi"), new CultureInfo("en")];
        });
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ProblemDetailsExceptionHandler.Customize);
        services.AddSingleton<ProblemDetailsExceptionHandler>();
        _services = services.BuildServiceProvider();
    }

    public void Dispose() => _services.Dispose();

    private sealed record Body(Shape Shape, int Count);

    private static readonly JsonSerializerOptions Strict = new(JsonSerializerDefaults.Web)
    {
        Converters = { new StrictEnumJsonConverterFactory() },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    private DefaultHttpContext Context(string path = "/api/things", string? culture = null, string? accept = null)
    {
        var context = new DefaultHttpContext { RequestServices = _services.CreateScope().ServiceProvider };
        context.Request.Method = "POST";
        context.Request.Path = path;
        context.Response.Body = new MemoryStream();
        if (accept is not null)
        {
            context.Request.Headers.Accept = accept;
        }

        if (culture is not null)
        {
            context.Features.Set<IRequestCultureFeature>(new RequestCultureFeature(new RequestCulture(culture), new QueryStringRequestCultureProvider()));
        }

        return context;
    }

    private async Task<(DefaultHttpContext Context, JsonElement? Body)> HandleAsync(Exception exception, string path = "/api/things",
        string? culture = null, string? accept = null)
    {
        var context = Context(path, culture, accept);
        var handled = await _services.GetRequiredService<ProblemDetailsExceptionHandler>().TryHandleAsync(context, exception, default);
        Assert.True(handled);
        context.Response.Body.Position = 0;
        var text = await new StreamReader(context.Response.Body).ReadToEndAsync();
        return (context, text.Length == 0 ? null : JsonDocument.Parse(text).RootElement.Clone());
    }

    private static BadHttpRequestException ReadFailure(string json)
    {
        var ex = Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize<Body>(json, Strict));
        // What minimal APIs throw for a body that does not deserialize.
        return new BadHttpRequestException("Failed to read parameter \"Body body\" from the request body as JSON.", ex);
    }

    [Fact]
    public async Task A_concurrency_clash_is_409_with_its_code_logged_at_warning_without_stack_trace_and_suppressed_from_the_middleware_log()
    {
        var (context, body) = await HandleAsync(new DbUpdateConcurrencyException("Row changed."));

        Assert.Equal(StatusCodes.Status409Conflict, context.Response.StatusCode);
        Assert.Equal(ErrorCodes.ConcurrencyConflict, body!.Value.GetProperty("code").GetString());
        Assert.Equal("Bản ghi vừa được người khác thay đổi; hãy tải lại và thử lại.", body.Value.GetProperty("detail").GetString());
        Assert.DoesNotContain(_logs.Entries, e => e.Level >= LogLevel.Error);
        var warning = Assert.Single(_logs.Entries, e => e.Level == LogLevel.Warning);
        Assert.Null(warning.Exception);
        Assert.Contains(ErrorCodes.ConcurrencyConflict, warning.Message, StringComparison.Ordinal);
        Assert.True(ProblemDetailsExceptionHandler.IsExpected(new DbUpdateConcurrencyException("x")));
        Assert.True(ProblemDetailsExceptionHandler.IsExpected(new ConflictException("SmeSupport:X:Taken", "taken")));
        Assert.False(ProblemDetailsExceptionHandler.IsExpected(new InvalidOperationException("bug")));

        var (_, en) = await HandleAsync(new DbUpdateConcurrencyException("Row changed."), culture: "en");
        Assert.Equal("The record was changed by someone else; reload and try again.", en!.Value.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_server_fault_is_still_logged_at_error()
    {
        var (context, _) = await HandleAsync(new InvalidOperationException("bug"));
        Assert.Equal(500, context.Response.StatusCode);
        Assert.Contains(_logs.Entries, e => e.Level == LogLevel.Error && e.Exception is InvalidOperationException);
    }

    [Fact]
    public async Task An_enum_number_is_a_400_field_error_naming_the_allowed_names_in_the_callers_language()
    {
        var (context, body) = await HandleAsync(ReadFailure("""{"shape":1,"count":2}"""));
        Assert.Equal(400, context.Response.StatusCode);
        Assert.Equal(ErrorCodes.MalformedRequest, body!.Value.GetProperty("code").GetString());
        Assert.Equal("Giá trị phải là một trong: Circle, Square, Triangle.",
            body.Value.GetProperty("errors").GetProperty("shape")[0].GetString());

        var (_, en) = await HandleAsync(ReadFailure("""{"shape":1,"count":2}"""), culture: "en");
        Assert.Equal("The value must be one of: Circle, Square, Triangle.", en!.Value.GetProperty("errors").GetProperty("shape")[0].GetString());
    }

    [Fact]
    public async Task Malformed_json_field_messages_are_vietnamese_by_default_and_english_on_request()
    {
        var (_, unknown) = await HandleAsync(ReadFailure("""{"shape":"Circle","nope":1}"""));
        Assert.Equal("'nope' không phải là một trường của yêu cầu này.", unknown!.Value.GetProperty("errors").GetProperty("nope")[0].GetString());
        Assert.Equal("Không đọc được yêu cầu: nội dung hoặc tham số không đúng dạng.", unknown.Value.GetProperty("detail").GetString());

        var (_, wrongType) = await HandleAsync(ReadFailure("""{"shape":"Circle","count":"many"}"""));
        Assert.Equal("Giá trị sai kiểu hoặc không thuộc các giá trị cho phép.",
            wrongType!.Value.GetProperty("errors").GetProperty("count")[0].GetString());

        var (_, notJson) = await HandleAsync(ReadFailure("""[1,2"""));
        Assert.Equal("Nội dung không phải JSON hợp lệ, hoặc không phải đối tượng có cấu trúc như mong đợi.",
            notJson!.Value.GetProperty("errors").GetProperty("body")[0].GetString());

        var (_, parameter) = await HandleAsync(new BadHttpRequestException("Failed to bind parameter \"int? page\" from \"abc\"."));
        Assert.Equal("'abc' không phải là giá trị hợp lệ cho tham số này.", parameter!.Value.GetProperty("errors").GetProperty("page")[0].GetString());

        var (_, wrongTypeEn) = await HandleAsync(ReadFailure("""{"shape":"Circle","count":"many"}"""), culture: "en");
        Assert.Equal("The value has the wrong type or is not one of the allowed values.",
            wrongTypeEn!.Value.GetProperty("errors").GetProperty("count")[0].GetString());
    }

    [Fact]
    public async Task Entity_not_found_names_no_class_in_either_language()
    {
        var id = Guid.NewGuid();
        var (context, vi) = await HandleAsync(new EntityNotFoundException("SharedReport", id));
        Assert.Equal(404, context.Response.StatusCode);
        Assert.Equal("Không tìm thấy bản ghi yêu cầu.", vi!.Value.GetProperty("detail").GetString());
        var (_, en) = await HandleAsync(new EntityNotFoundException("SharedReport", id), culture: "en");
        Assert.Equal("The requested record was not found.", en!.Value.GetProperty("detail").GetString());
        var ex = new EntityNotFoundException("SharedReport", id);
        Assert.DoesNotContain("SharedReport", ex.Message, StringComparison.Ordinal);
        Assert.Equal(("SharedReport", (object?)id), (ex.Entity, ex.Id));
    }

    [Theory]
    [InlineData(401, "SmeSupport:Unauthorized", "vi", "Bạn cần đăng nhập trước.")]
    [InlineData(403, "SmeSupport:Forbidden", "vi", "Bạn không có quyền thực hiện thao tác này.")]
    [InlineData(403, "SmeSupport:Forbidden", "en", "You do not have permission for this operation.")]
    public async Task A_bare_401_or_403_gets_the_code_the_localized_detail_and_the_same_type_as_the_handlers(int status, string code, string culture, string detail)
    {
        var context = Context("/api/reporting/reports", culture);
        context.Response.StatusCode = status;
        // What UseStatusCodePages writes for an authorization-policy refusal: only the status.
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status },
        });
        context.Response.Body.Position = 0;
        var bare = JsonDocument.Parse(context.Response.Body).RootElement;

        var (_, thrown) = await HandleAsync(new ForbiddenException(), culture: culture);
        Assert.Equal(code, bare.GetProperty("code").GetString());
        Assert.Equal(detail, bare.GetProperty("detail").GetString());
        Assert.Equal($"https://httpstatuses.io/{status}", bare.GetProperty("type").GetString());
        Assert.Equal("https://httpstatuses.io/403", thrown!.Value.GetProperty("type").GetString());
        if (status == 403)
        {
            Assert.Equal(thrown.Value.GetProperty("detail").GetString(), bare.GetProperty("detail").GetString());
            Assert.Equal(thrown.Value.GetProperty("title").GetString(), bare.GetProperty("title").GetString());
        }
    }

    [Fact]
    public async Task A_page_request_gets_the_status_without_a_json_body_and_the_api_keeps_problem_details()
    {
        var (page, pageBody) = await HandleAsync(new EntityNotFoundException("SharedReport", Guid.NewGuid()), "/Partner/Reports/1",
            accept: "text/html,application/xhtml+xml,*/*;q=0.8");
        Assert.Equal(404, page.Response.StatusCode);
        Assert.Null(pageBody);
        Assert.True(ProblemDetailsExceptionHandler.IsPageRequest(page));

        var (api, apiBody) = await HandleAsync(new EntityNotFoundException("SharedReport", Guid.NewGuid()), "/api/reporting/reports/1",
            accept: "text/html,application/xhtml+xml,*/*;q=0.8");
        Assert.Equal(404, api.Response.StatusCode);
        Assert.Equal(ErrorCodes.NotFound, apiBody!.Value.GetProperty("code").GetString());

        var htmx = Context("/Outreach/1", accept: "text/html");
        htmx.Request.Headers["HX-Request"] = "true";
        Assert.False(ProblemDetailsExceptionHandler.IsPageRequest(htmx));
    }

    private sealed record LogEntry(LogLevel Level, string Message, Exception? Exception);

    private sealed class RecordingLoggerProvider : ILoggerProvider
    {
        private readonly List<LogEntry> _entries = [];

        public IReadOnlyList<LogEntry> Entries
        {
            get
            {
                lock (_entries)
                {
                    return [.. _entries];
                }
            }
        }

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void Dispose()
        {
        }

        private sealed class Logger(RecordingLoggerProvider owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                lock (owner._entries)
                {
                    owner._entries.Add(new LogEntry(logLevel, formatter(state, exception), exception));
                }
            }
        }
    }
}
