using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using SmeSupport.Enterprises.Tests.Import;
using SmeSupport.Enterprises.Tests.Support;
using SmeSupport.TestBase;

namespace SmeSupport.Enterprises.Tests.Api;

/// <summary>Fixes of the breaker's findings on issue #3: each refusal has its status, code and field, and stores nothing.</summary>
public sealed class BreakerFixTests(RegistrationAppFactory app) : IClassFixture<RegistrationAppFactory>
{
    private static object Form(string taxCode, string token, string email, string name = "Công ty TNHH Sửa Lỗi", string fullName = "Hoàng Văn Em") => new
    {
        enterprise = TestData.Enterprise(taxCode, name),
        contact = new { fullName, email, mobile = "0912345678" },
        consents = new { service = true, advertising = false },
        formToken = token,
    };

    private async Task<string> FormTokenAsync(HttpClient client)
    {
        var token = (await client.GetFromJsonAsync<JsonElement>("/api/registrations/form-token")).GetProperty("token").GetString()!;
        app.Clock.Advance(TimeSpan.FromSeconds(5));
        return token;
    }

    private long Registrations() => app.Scalar("SELECT COUNT(*) FROM EnterpriseRegistrations");

    private static string[] FieldMessages(JsonElement problem, string field) =>
        problem.GetProperty("errors").GetProperty(field).EnumerateArray().Select(e => e.GetString()!).ToArray();

    [Fact]
    public async Task A_contact_email_that_already_has_an_account_is_refused_at_submission_in_any_case()
    {
        var anonymous = app.CreateAnonymousClient();
        var before = Registrations();
        var response = await anonymous.PostAsJsonAsync("/api/registrations",
            Form(TestData.NewTaxCode(), await FormTokenAsync(anonymous), SmeSupportAppFactory.AdminEmail.ToUpperInvariant()));
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await response.Json();
        Assert.Equal("SmeSupport:Enterprises:ContactEmailHasAccount", problem.Code());
        Assert.Contains("tài khoản", FieldMessages(problem, "contact.email").Single(), StringComparison.Ordinal);
        Assert.Equal(before, Registrations());
    }

    [Fact]
    public async Task A_form_token_is_used_once()
    {
        var anonymous = app.CreateAnonymousClient();
        var token = await FormTokenAsync(anonymous);
        var first = await anonymous.PostAsJsonAsync("/api/registrations", Form(TestData.NewTaxCode(), token, $"once-{Guid.NewGuid():N}@example.vn"));
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        var before = Registrations();

        var second = await anonymous.PostAsJsonAsync("/api/registrations", Form(TestData.NewTaxCode(), token, $"twice-{Guid.NewGuid():N}@example.vn"));
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        var problem = await second.Json();
        Assert.Equal("SmeSupport:Enterprises:FormTokenUsed", problem.Code());
        Assert.Single(FieldMessages(problem, "formToken"));
        Assert.Equal(before, Registrations());
    }

    [Fact]
    public async Task One_form_token_sent_six_times_at_once_stores_exactly_one_registration()
    {
        var anonymous = app.CreateAnonymousClient();
        var token = await FormTokenAsync(anonymous);
        var before = Registrations();
        using var start = new SemaphoreSlim(0);
        var sends = Enumerable.Range(0, 6).Select(i => Task.Run(async () =>
        {
            var client = app.CreateAnonymousClient();
            var body = Form(TestData.NewTaxCode(), token, $"race-{i}-{Guid.NewGuid():N}@example.vn");
            await start.WaitAsync();
            return await client.PostAsJsonAsync("/api/registrations", body);
        })).ToList();
        start.Release(6);
        var responses = await Task.WhenAll(sends);

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Accepted);
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Accepted))
        {
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            var problem = await refused.Json();
            Assert.Equal("SmeSupport:Enterprises:FormTokenUsed", problem.Code());
            Assert.Single(FieldMessages(problem, "formToken"));
        }

        Assert.Equal(before + 1, Registrations());
    }

    [Fact]
    public void The_form_token_nonce_has_a_unique_index()
    {
        Assert.Equal(1L, app.Scalar("SELECT COUNT(*) FROM pragma_index_list('EnterpriseRegistrations') l "
                                    + "JOIN pragma_index_info(l.name) i WHERE l.\"unique\" = 1 AND i.name = 'ConfirmationNonce'"));
    }

    [Theory]
    [InlineData("a@b")]
    [InlineData("a@b.")]
    [InlineData("a@.vn")]
    public async Task A_contact_email_needs_a_dotted_domain(string email)
    {
        var anonymous = app.CreateAnonymousClient();
        var before = Registrations();
        var response = await anonymous.PostAsJsonAsync("/api/registrations", Form(TestData.NewTaxCode(), await FormTokenAsync(anonymous), email));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Địa chỉ email không hợp lệ.", FieldMessages(await response.Json(), "contact.email").Single());
        Assert.Equal(before, Registrations());
    }

    [Fact]
    public async Task Bidi_controls_in_names_are_refused_and_zero_width_characters_are_removed()
    {
        var admin = await app.CreateAdminClientAsync();
        var before = app.Scalar("SELECT COUNT(*) FROM Enterprises");
        var bidi = await admin.PostAsJsonAsync("/api/enterprises", TestData.Enterprise(TestData.NewTaxCode(), "Công ty \u202Egpj.exe"));
        Assert.Equal(HttpStatusCode.BadRequest, bidi.StatusCode);
        Assert.Single(FieldMessages(await bidi.Json(), "name"));
        var isolate = await admin.PostAsJsonAsync("/api/enterprises", TestData.Enterprise(TestData.NewTaxCode(), "Công ty \u2067Hòa\u2069 Bình"));
        Assert.Equal(HttpStatusCode.BadRequest, isolate.StatusCode);
        Assert.Equal(before, app.Scalar("SELECT COUNT(*) FROM Enterprises"));

        var id = await TestData.CreateEnterpriseAsync(admin, name: "Công\u200B ty Vô\u200D Hình\uFEFF");
        var saved = await admin.GetFromJsonAsync<JsonElement>($"/api/enterprises/{id}");
        Assert.Equal("Công ty Vô Hình", saved.GetProperty("name").GetString());

        var contact = await admin.PostAsJsonAsync($"/api/enterprises/{id}/contacts", new { fullName = "Nguyễn \u202DVăn A", email = "a@example.vn" });
        Assert.Equal(HttpStatusCode.BadRequest, contact.StatusCode);
        Assert.Single(FieldMessages(await contact.Json(), "fullName"));
        var dotless = await admin.PostAsJsonAsync($"/api/enterprises/{id}/contacts", new { fullName = "Nguyễn Văn A", email = "a@b" });
        Assert.Equal(HttpStatusCode.BadRequest, dotless.StatusCode);
        Assert.Single(FieldMessages(await dotless.Json(), "email"));
        Assert.Equal(0, app.Scalar($"SELECT COUNT(*) FROM Contacts WHERE EnterpriseId = '{id.ToString().ToUpperInvariant()}'"));
    }

    [Fact]
    public async Task An_enterprise_user_cannot_probe_tax_codes_or_change_staff_only_fields()
    {
        var admin = await app.CreateAdminClientAsync();
        var taxCode = TestData.NewTaxCode();
        var otherTaxCode = TestData.NewTaxCode();
        var id = await TestData.CreateEnterpriseAsync(admin, taxCode, "Công ty TNHH Không Dò");
        await TestData.CreateEnterpriseAsync(admin, otherTaxCode, "Công ty TNHH Bị Dò");
        var client = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.EnterpriseUser, enterpriseId: id);
        var own = await client.GetFromJsonAsync<JsonElement>("/api/portal/enterprise");

        async Task<JsonElement> RefusedAsync(string url, string field, object? value)
        {
            var update = JsonSerializer.Deserialize<Dictionary<string, object?>>(own.GetRawText())!;
            update[field] = value;
            var response = await client.PutAsJsonAsync(url, update);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = await response.Json();
            Assert.Equal("SmeSupport:Enterprises:FieldNotChangeable", problem.Code());
            Assert.Single(FieldMessages(problem, field));
            return problem;
        }

        // A registered and an unregistered code answer alike: nothing to learn.
        await RefusedAsync($"/api/enterprises/{id}", "taxCode", otherTaxCode);
        await RefusedAsync($"/api/enterprises/{id}", "taxCode", TestData.NewTaxCode());
        await RefusedAsync("/api/portal/enterprise", "taxCode", otherTaxCode);
        await RefusedAsync("/api/portal/enterprise", "programmeStatus", "Graduated");

        // The same tax code in another spelling is no change.
        var update = JsonSerializer.Deserialize<Dictionary<string, object?>>(own.GetRawText())!;
        update["taxCode"] = taxCode.Insert(4, ".");
        update["employees"] = 7;
        var ok = await client.PutAsJsonAsync("/api/portal/enterprise", update);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var saved = await ok.Json();
        Assert.Equal(taxCode, saved.GetProperty("taxCode").GetString());
        Assert.Equal("Prospect", saved.GetProperty("programmeStatus").GetString());
        Assert.Equal(7, saved.GetProperty("employees").GetInt32());
    }

    [Theory]
    [InlineData("photo.png")]
    [InlineData("doc.pdf")]
    [InlineData("list.txt")]
    [InlineData("list.xlsm")]
    [InlineData("list")]
    public async Task Only_csv_and_xlsx_names_are_accepted(string fileName)
    {
        var admin = await app.CreateAdminClientAsync();
        var before = app.Scalar("SELECT COUNT(*) FROM EnterpriseImports");
        var csv = ImportTestSupport.Csv([["Mã số thuế", "Tên doanh nghiệp"], [TestData.NewTaxCode(), "Công ty Tên Giả"]]);
        var response = await admin.PostFileAsync("/api/enterprises/imports/dry-run", csv, fileName);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Json();
        Assert.Equal("SmeSupport:Enterprises:ImportFileExtensionNotAccepted", problem.Code());
        Assert.Equal([".csv", ".xlsx"], problem.GetProperty("acceptedExtensions").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostFileAsync("/api/enterprises/imports", csv, fileName)).StatusCode);
        Assert.Equal(before, app.Scalar("SELECT COUNT(*) FROM EnterpriseImports"));
    }

    [Fact]
    public async Task A_pdf_named_csv_is_refused_as_not_what_its_name_says()
    {
        var admin = await app.CreateAdminClientAsync();
        var response = await admin.PostFileAsync("/api/enterprises/imports/dry-run", Encoding.ASCII.GetBytes("%PDF-1.7\nMã số thuế,Tên\n1,2\n"), "list.csv");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Json();
        Assert.Equal("SmeSupport:Enterprises:ImportFileUnreadable", problem.Code());
        Assert.Contains("PDF", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Xlsx_formula_cells_are_row_errors_not_their_cached_values()
    {
        var good = TestData.NewTaxCode();
        var formulaName = TestData.NewTaxCode();
        var formulaEmployees = TestData.NewTaxCode();
        var sheet = $"""
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
            <row r="1"><c r="A1" t="inlineStr"><is><t>Mã số thuế</t></is></c><c r="B1" t="inlineStr"><is><t>Tên doanh nghiệp</t></is></c><c r="C1" t="inlineStr"><is><t>Số lao động</t></is></c></row>
            <row r="2"><c r="A2" t="inlineStr"><is><t>{good}</t></is></c><c r="B2" t="inlineStr"><is><t>Công ty Không Công Thức</t></is></c><c r="C2"><v>4</v></c></row>
            <row r="3"><c r="A3" t="inlineStr"><is><t>{formulaName}</t></is></c><c r="B3" t="str"><f>CONCAT("Công ty ","Công Thức")</f><v>Công ty Công Thức</v></c><c r="C3"><v>4</v></c></row>
            <row r="4"><c r="A4" t="inlineStr"><is><t>{formulaEmployees}</t></is></c><c r="B4" t="inlineStr"><is><t>Công ty Số Tính</t></is></c><c r="C4"><f>2+3</f><v>5</v></c></row>
            </sheetData></worksheet>
            """;
        var file = Workbook(sheet);
        var admin = await app.CreateAdminClientAsync();
        var response = await admin.PostFileAsync("/api/enterprises/imports/dry-run", file, "formulas.xlsx");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rows = (await response.Json()).GetProperty("rows");
        Assert.Equal("Công ty Không Công Thức", rows.RowNumbered(2).GetProperty("name").GetString());
        Assert.DoesNotContain("Tên doanh nghiệp", rows.RowNumbered(2).ErrorColumns());
        Assert.DoesNotContain("Số lao động", rows.RowNumbered(2).ErrorColumns());

        // The cached values ("Công ty Công Thức", 5) are not imported: the formula cells are row errors.
        var named = rows.RowNumbered(3);
        Assert.Equal("Error", named.GetProperty("outcome").GetString());
        Assert.Contains(named.GetProperty("errors").EnumerateArray(),
            e => e.GetProperty("column").GetString() == "Tên doanh nghiệp" && e.GetProperty("message").GetString()!.Contains("'='", StringComparison.Ordinal));
        Assert.Equal("Error", rows.RowNumbered(4).GetProperty("outcome").GetString());
        Assert.Contains("Số lao động", rows.RowNumbered(4).ErrorColumns());
    }

    /// <summary>A minimal hand-made workbook with one sheet.</summary>
    private static byte[] Workbook(string sheetXml)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Part(string name, string text)
            {
                using var w = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
                w.Write(text.Trim());
            }

            Part("[Content_Types].xml", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>
                """);
            Part("_rels/.rels", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>
                """);
            Part("xl/workbook.xml", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="DN" sheetId="1" r:id="rId1"/></sheets></workbook>
                """);
            Part("xl/_rels/workbook.xml.rels", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>
                """);
            Part("xl/worksheets/sheet1.xml", sheetXml);
        }

        return buffer.ToArray();
    }
}
