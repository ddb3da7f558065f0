using System.Text;
using System.Text.Json.Nodes;
using AtolOnline.Validation;
using AtolOnline.Json;

namespace AtolOnline.Core.Tests;

/// <summary>
/// ATOL's documented and captured examples (shared/protocol/examples/*.json and the minimal v4 receipt of
/// shared/protocol/v4.md §3.10), transcribed by hand: they are read by the generated types, their fields come out as
/// documented, requests validate as explained and write back to the same JSON.
/// </summary>
public sealed partial class AtolExamplesTests
{
    // ---- v5 requests ----------------------------------------------------------------------------------------------

    /// <summary>v5-request-sell-minimal-derived-ili.json (ili/atol-online, derived from the serializer).</summary>
    private const string V5Sell = """
        {
          "receipt": {
            "client": { "email": "test@mail.ru" },
            "company": { "email": "sender@mail.ru", "sno": "osn", "inn": "5544332219", "payment_address": "https://v4.online.atol.ru" },
            "items": [
              { "name": "Test", "price": 10.0, "quantity": 1.1, "measure": 11, "sum": 11.0,
                "payment_method": "full_payment", "payment_object": 2, "vat": { "type": "none" } }
            ],
            "payments": [ { "type": 0, "sum": 11.0 } ],
            "total": 11.0
          },
          "timestamp": "23.12.2025 16:10:00",
          "external_id": "00000000-0000-0000-0000-000000000000"
        }
        """;

    /// <summary>v5-request-sell_correction-minimal-derived-ili.json.</summary>
    private const string V5SellCorrection = """
        {
          "correction": {
            "correction_info": { "type": "self", "base_date": "23.12.2025", "base_number": "1791" },
            "client": { "email": "test@mail.ru" },
            "company": { "email": "sender@mail.ru", "sno": "osn", "inn": "5544332219", "payment_address": "https://v4.online.atol.ru" },
            "items": [
              { "name": "Test", "price": 10.0, "quantity": 1.1, "measure": 11, "sum": 11.0,
                "payment_method": "full_payment", "payment_object": 2, "vat": { "type": "none" } }
            ],
            "payments": [ { "type": 0, "sum": 11.0 } ],
            "vats": [ { "type": "none", "sum": 11.0 } ],
            "total": 11.0
          },
          "timestamp": "23.12.2025 16:10:00",
          "external_id": "00000000-0000-0000-0000-000000000000"
        }
        """;

    // ---- v5 mock responses (lamoda/atol-client) -------------------------------------------------------------------

    private const string V5TokenOk = """
        { "token": "token", "error": null, "timestamp": "03.08.2018 23:15:05" }
        """;

    private const string V5TokenError12 = """
        { "error": { "error_id": "10454aec-42a2-489f-9931-58d345b08fe1", "code": 12, "text": "Неверный логин или пароль", "type": "system" }, "timestamp": "03.08.2018 23:17:18" }
        """;

    private const string V5RegisterWait = """
        { "uuid": "1c9de7c1-3501-4d90-abf2-c78cde3ef33c", "status": "wait", "error": null, "timestamp": "03.08.2018 23:18:28" }
        """;

    private const string V5RegisterFail32 = """
        { "status": "fail", "error": { "error_id": "f215204b-e0d2-4f58-8b56-f15c756cbf7c", "code": 32, "text": "Ошибка валидации входного чека. Ошибочные поля : NumberTooSmall: #/receipt.total", "type": "system" }, "timestamp": "03.08.2018 23:19:51" }
        """;

    private const string V5ReportDone = """
        {
          "uuid": "3b81e0a1-d080-4472-93d8-76666f3df68f",
          "status": "done",
          "error": null,
          "group_code": "v5-online-atol-ru",
          "daemon_code": "inttest-agent",
          "device_code": "KKT000120",
          "callback_url": "",
          "payload": {
            "total": 1000.1,
            "fns_site": "www.nalog.ru",
            "fn_number": "9999078900006211",
            "shift_number": 173,
            "receipt_datetime": "03.08.2018 23:21:00",
            "fiscal_receipt_number": 425,
            "fiscal_document_number": 132896,
            "ecr_registration_number": "0000000005020922",
            "fiscal_document_attribute": 1313456287
          },
          "timestamp": "03.08.2018 23:22:08"
        }
        """;

    private const string V5ReportWait34 = """
        { "uuid": "3b81e0a1-d080-4472-93d8-76666f3df68f", "status": "wait", "error": { "error_id": "c390c3c9-495e-402f-b23f-6cab94286c2d", "code": 34, "text": "Состояние чека не найдено. Попробуйте позднее.", "type": "system" }, "timestamp": "03.08.2018 23:22:05" }
        """;

    // ---- v4 captured responses (skodnik/atol-online) and the V4DOC p.42 sample ------------------------------------

    /// <summary>v4-doc-sample-report-done.json: PDF artefacts kept (en dashes U+2013 in uuid and codes, a leading space in group_code).</summary>
    private const string V4ReportDone = """
        {
            "uuid": "2ea26f17–0884–4f08–b120–306fc096a58f",
            "error": null,
            "status": "done",
            "payload": {
                "total": 1598,
                "fns_site": "www.nalog.ru",
                "fn_number": "1110000100238211",
                "shift_number": 23,
                "receipt_datetime": "12.04.2017 20:16:00",
                "fiscal_receipt_number": 6,
                "fiscal_document_number": 133,
                "ecr_registration_number": "0000111118041361",
                "fiscal_document_attribute": 3449555941,
                "ofd_inn": "7709364346",
                "ofd_receipt_url": "https://consumer.1-ofd.ru/v1?fn=9288000100014915&fp=3004144185&i=108&t=20180522T122800&s=4500.00&n=1"
            },
            "timestamp": "12.04.2017 20:15:08",
            "group_code": " MyCompany_MyShop",
            "daemon_code": "prod–agent–1",
            "device_code": "KSR13.00–1–11",
            "external_id": "TRF10601_1",
            "callback_url": ""
        }
        """;

    private const string V4Error11ExpiredToken = """
        {
            "error": {
                "code": 11,
                "error_id": "700a5746-493d-4d50-b9c0-b7ae18cd738c",
                "text": "Переданный токен не активен",
                "type": "system"
            },
            "timestamp": "28.01.2024 14:18:20"
        }
        """;

    private const string V4Error50Server = """
        {
            "error": {
                "code": 50,
                "error_id": "141a7be1-3465-412a-b3ce-58df8a859d97",
                "text": "Ошибка сервера. Обратитесь к Администратору.",
                "type": "system"
            },
            "timestamp": "28.01.2024 14:11:06"
        }
        """;

    private const string V4TokenFail32LoginPattern = """
        {"status":"fail","error":{"code":32,"error_id":"80971fda-4201-4997-a22a-2b76b8289882","text":"Ошибка валидации входящего чека. Ошибочные поля : PatternMismatch: #/login","type":"system"},"timestamp":"24.01.2024 22:21:49"}
        """;

    private const string V4ReportFail2009 = """
        {
            "callback_url": "https://example.com",
            "daemon_code": "quasar",
            "device_code": "KKT000132",
            "warnings": null,
            "error": {
                "code": 2009,
                "text": "ИНН, указанный в чеке 1234567891, не соответствует ИНН группы касс 5544332219. Попыток регистрировать чек не производилось.",
                "type": "agent"
            },
            "external_id": "v4-online-atol-ru_4179681132",
            "group_code": "v4-online-atol-ru_4179",
            "payload": null,
            "status": "fail",
            "uuid": "f0269dc9-3050-470a-9542-d9c20bf103a3",
            "timestamp": "27.01.2024 22:58:45"
        }
        """;

    /// <summary>shared/protocol/v4.md §3.10: the minimal v4 receipt request (test-environment values).</summary>
    private const string V4MinimalSell = """
        {
          "external_id": "order-1001-sell",
          "timestamp": "15.03.2024 12:30:00",
          "service": { "callback_url": "https://shop.example.ru/atol/callback" },
          "receipt": {
            "client":  { "email": "buyer@example.ru" },
            "company": { "email": "shop@example.ru", "sno": "osn", "inn": "5544332219",
                         "payment_address": "https://v4.online.atol.ru" },
            "items": [
              { "name": "Socks", "price": 199.00, "quantity": 2, "sum": 398.00,
                "measurement_unit": "pcs", "payment_method": "full_payment",
                "payment_object": "commodity", "vat": { "type": "vat20" } }
            ],
            "payments": [ { "type": 1, "sum": 398.00 } ],
            "total": 398.00
          }
        }
        """;

    private static T Parse<T>(string json)
        where T : class, IAtolJsonModel<T> => AtolJson.Parse<T>(Encoding.UTF8.GetBytes(json));

    /// <summary>Writing the document back gives the same JSON tree (whitespace aside; numbers compared by value).</summary>
    private static void AssertWritesBackTheSame<T>(string json, T document)
        where T : class, IAtolJsonModel<T>
    {
        string written = AtolJson.ToJsonString(document);
        var expected = JsonNode.Parse(json);
        var actual = JsonNode.Parse(written);
        Assert.True(JsonNode.DeepEquals(expected, actual), $"written back:\n{written}\nexpected:\n{expected?.ToJsonString()}");
    }

    /// <summary>A response written back and read again is the same record (members the record does not know are dropped).</summary>
    private static void AssertRecordRoundTrips<T>(T document)
        where T : class, IAtolJsonModel<T> =>
        Assert.Equal(document, AtolJson.Parse<T>(AtolJson.ToUtf8Bytes(document)));

    private static string Describe(ValidationResult result) => string.Join("\n", result.Violations);

    // ---- requests -------------------------------------------------------------------------------------------------

    [Fact]
    public void V5_sell_example_reads_validates_and_writes_back()
    {
        var request = Parse<V5.ReceiptRequest>(V5Sell);

        Assert.Equal("00000000-0000-0000-0000-000000000000", request.ExternalId);
        Assert.Equal(new DateTime(2025, 12, 23, 16, 10, 0), request.Timestamp);
        Assert.Null(request.Service);
        var receipt = request.Receipt;
        Assert.Equal("test@mail.ru", receipt.Client.Email);
        Assert.Null(receipt.Client.Phone);
        Assert.Equal(new V5.Company { Email = "sender@mail.ru", Sno = V5.TaxationSystem.Osn, Inn = "5544332219", PaymentAddress = "https://v4.online.atol.ru" }, receipt.Company);
        var item = Assert.Single(receipt.Items);
        Assert.Equal("Test", item.Name);
        Assert.Equal(10.0m, item.Price);
        Assert.Equal(1.1m, item.Quantity);
        Assert.Equal(V5.MeasureUnit.Kilogram, item.Measure);
        Assert.Equal(11.0m, item.Sum);
        Assert.Equal(V5.PaymentMethod.FullPayment, item.PaymentMethod);
        Assert.Equal(V5.PaymentObject.Excise, item.PaymentObject);
        Assert.Equal(V5.VatType.None, item.Vat.Type);
        Assert.Null(item.Vat.Sum);
        Assert.Null(item.Excise);
        var payment = Assert.Single(receipt.Payments);
        Assert.Equal((V5.PaymentType.Cash, 11.0m), (payment.Type, payment.Sum));
        Assert.Equal(11.0m, receipt.Total);
        Assert.Null(receipt.Vats);

        // The example may be sent (no error), but two rules warn, legitimately:
        // * payment_object 2 is "excise goods" and the item has no excise amount: the register may refuse it
        //   with driver error 265 (ExciseAmountForExciseGoods);
        // * neither the item (vat.sum) nor the receipt (vats) carries a VAT amount, which V5DOC p.17 asks for
        //   (VatSumPerItemOrReceipt). The ILI library simply omits it.
        var result = request.Validate();
        Assert.True(result.IsValid, Describe(result));
        Assert.Equal(
            [
                ("receipt.items[0].excise", CrossFieldRuleCodes.ExciseAmountForExciseGoods, ValidationSeverity.Warning),
                ("receipt.vats", CrossFieldRuleCodes.VatSumPerItemOrReceipt, ValidationSeverity.Warning),
            ],
            result.Violations.Select(v => (v.Path, v.Code, v.Severity)).Order().ToArray());

        AssertWritesBackTheSame(V5Sell, request);
    }

    [Fact]
    public void V5_sell_correction_example_reads_validates_and_writes_back()
    {
        var request = Parse<V5.CorrectionRequest>(V5SellCorrection);

        Assert.Equal("00000000-0000-0000-0000-000000000000", request.ExternalId);
        Assert.Equal(new DateTime(2025, 12, 23, 16, 10, 0), request.Timestamp);
        var correction = request.Correction;
        // ILI meant a correction by instruction but builds "self" (an ILI bug the example keeps).
        Assert.Equal(new V5.CorrectionInfo { Type = V5.CorrectionType.Self, BaseDate = new DateOnly(2025, 12, 23), BaseNumber = "1791" }, correction.CorrectionInfo);
        Assert.Equal("test@mail.ru", correction.Client?.Email);
        Assert.Equal("5544332219", correction.Company.Inn);
        var item = Assert.Single(correction.Items);
        Assert.Equal((10.0m, 1.1m, 11.0m, V5.MeasureUnit.Kilogram), (item.Price, item.Quantity, item.Sum, item.Measure));
        Assert.Equal(V5.PaymentObject.Excise, item.PaymentObject);
        var vat = Assert.Single(correction.Vats!);
        Assert.Equal((V5.VatType.None, 11.0m), (vat.Type, vat.Sum));
        Assert.Equal((V5.PaymentType.Cash, 11.0m), (correction.Payments[0].Type, correction.Payments[0].Sum));
        Assert.Equal(11.0m, correction.Total);
        Assert.Null(correction.Internet);

        // Only one warning, legitimately: payment_object 2 (excise goods) without an excise amount. The VAT amount is
        // given here (vats), the base date is the document's own day, and a self-initiated correction needs no number.
        var result = request.Validate();
        Assert.True(result.IsValid, Describe(result));
        var warning = Assert.Single(result.Violations);
        Assert.Equal(("correction.items[0].excise", CrossFieldRuleCodes.ExciseAmountForExciseGoods, 1229, ValidationSeverity.Warning),
            (warning.Path, warning.Code, warning.FfdTag, warning.Severity));

        AssertWritesBackTheSame(V5SellCorrection, request);
    }

    [Fact]
    public void V4_minimal_receipt_of_the_digest_reads_validates_and_writes_back()
    {
        var request = Parse<V4.ReceiptRequest>(V4MinimalSell);

        Assert.Equal("order-1001-sell", request.ExternalId);
        Assert.Equal(new DateTime(2024, 3, 15, 12, 30, 0), request.Timestamp);
        Assert.Equal("https://shop.example.ru/atol/callback", request.Service?.CallbackUrl);
        Assert.Null(request.SourceId);
        var receipt = request.Receipt;
        Assert.Equal("buyer@example.ru", receipt.Client.Email);
        Assert.Equal(V4.TaxationSystem.Osn, receipt.Company.Sno);
        Assert.Equal("https://v4.online.atol.ru", receipt.Company.PaymentAddress);
        var item = Assert.Single(receipt.Items);
        Assert.Equal(("Socks", 199.00m, 2m, 398.00m, "pcs"), (item.Name, item.Price, item.Quantity, item.Sum, item.MeasurementUnit));
        Assert.Equal(V4.PaymentMethod.FullPayment, item.PaymentMethod);
        Assert.Equal(V4.PaymentObject.Commodity, item.PaymentObject);
        Assert.Equal(V4.VatType.Vat20, item.Vat.Type);
        Assert.Null(item.Vat.Sum);
        var payment = Assert.Single(receipt.Payments);
        Assert.Equal((V4.PaymentType.Cashless, 398.00m), (payment.Type, payment.Sum));
        Assert.Equal(398.00m, receipt.Total);

        // Nothing to report, for any receipt operation (v4 has no "VAT amount somewhere" rule; vat20 is current).
        Assert.Empty(request.Validate().Violations);
        foreach (string operation in new[] { "sell", "sell_refund", "buy", "buy_refund" })
        {
            var context = new ValidationContext { Operation = operation };
            request.Validate(context);
            Assert.Empty(context.Violations);
        }

        AssertWritesBackTheSame(V4MinimalSell, request);
    }

    // ---- v5 responses ---------------------------------------------------------------------------------------------

    [Fact]
    public void V5_token_ok_reads_the_token_and_a_null_error_as_absent()
    {
        var response = Parse<V5.TokenResponse>(V5TokenOk);
        Assert.Equal("token", response.Token);
        Assert.Null(response.Error);
        Assert.Equal("03.08.2018 23:15:05", response.Timestamp);
        Assert.Empty(response.Validate().Violations);
        AssertRecordRoundTrips(response);
    }

    [Fact]
    public void V5_token_error_12_reads_the_error_without_a_token()
    {
        var response = Parse<V5.TokenResponse>(V5TokenError12);
        Assert.Null(response.Token);
        var error = Assert.IsType<V5.ServiceError>(response.Error);
        Assert.Equal(12, error.Code);
        Assert.Equal(V5.ErrorType.System, error.Type);
        Assert.Equal("10454aec-42a2-489f-9931-58d345b08fe1", error.ErrorId);
        Assert.Equal("Неверный логин или пароль", error.Text);
        Assert.Equal("03.08.2018 23:17:18", response.Timestamp);
        Assert.Empty(response.Validate().Violations);
        AssertRecordRoundTrips(response);
    }

    [Fact]
    public void V5_register_wait_reads_uuid_and_status()
    {
        var response = Parse<V5.RegisterResponse>(V5RegisterWait);
        Assert.Equal("1c9de7c1-3501-4d90-abf2-c78cde3ef33c", response.Uuid);
        Assert.Equal(V5.DocumentStatus.Wait, response.Status);
        Assert.Null(response.Error);
        Assert.Equal("03.08.2018 23:18:28", response.Timestamp);
        Assert.Empty(response.Validate().Violations);
        AssertRecordRoundTrips(response);
    }

    [Fact]
    public void V5_register_fail_32_reads_the_validation_error_without_a_uuid()
    {
        var response = Parse<V5.RegisterResponse>(V5RegisterFail32);
        Assert.Null(response.Uuid);
        Assert.Equal(V5.DocumentStatus.Fail, response.Status);
        var error = Assert.IsType<V5.ServiceError>(response.Error);
        Assert.Equal((32, V5.ErrorType.System), (error.Code, error.Type));
        Assert.Equal("f215204b-e0d2-4f58-8b56-f15c756cbf7c", error.ErrorId);
        Assert.EndsWith("Ошибочные поля : NumberTooSmall: #/receipt.total", error.Text, StringComparison.Ordinal);
        Assert.Empty(response.Validate().Violations);
        AssertRecordRoundTrips(response);
    }

    [Fact]
    public void V5_report_done_reads_the_payload()
    {
        var response = Parse<V5.ReportResponse>(V5ReportDone);
        Assert.Equal("3b81e0a1-d080-4472-93d8-76666f3df68f", response.Uuid);
        Assert.Equal(V5.DocumentStatus.Done, response.Status);
        Assert.Null(response.Error);
        Assert.Null(response.Warnings);
        Assert.Equal(("v5-online-atol-ru", "inttest-agent", "KKT000120"), (response.GroupCode, response.DaemonCode, response.DeviceCode));
        Assert.Equal("", response.CallbackUrl);
        Assert.Null(response.ExternalId);
        Assert.Equal(new DateTimeOffset(2018, 8, 3, 23, 22, 8, TimeSpan.FromHours(3)), response.Timestamp);

        var payload = Assert.IsType<V5.ReportPayload>(response.Payload);
        Assert.Equal(1000.1m, payload.Total);
        Assert.Equal("www.nalog.ru", payload.FnsSite);
        Assert.Equal("9999078900006211", payload.FnNumber);
        Assert.Equal(173L, payload.ShiftNumber);
        Assert.Equal(new DateTimeOffset(2018, 8, 3, 23, 21, 0, TimeSpan.FromHours(3)), payload.ReceiptDatetime);
        Assert.Equal(425L, payload.FiscalReceiptNumber);
        Assert.Equal(132896L, payload.FiscalDocumentNumber);
        Assert.Equal("0000000005020922", payload.EcrRegistrationNumber);
        Assert.Equal(1313456287L, payload.FiscalDocumentAttribute);
        Assert.Null(payload.OfdInn);
        Assert.Null(payload.OfdReceiptUrl);
        Assert.Null(payload.MarksResult);
        Assert.True(response.Validate().IsValid, Describe(response.Validate()));
        AssertRecordRoundTrips(response);
    }

    [Fact]
    public void V5_report_wait_34_reads_the_not_found_yet_error()
    {
        var response = Parse<V5.ReportResponse>(V5ReportWait34);
        Assert.Equal("3b81e0a1-d080-4472-93d8-76666f3df68f", response.Uuid);
        Assert.Equal(V5.DocumentStatus.Wait, response.Status);
        var error = Assert.IsType<V5.ServiceError>(response.Error);
        Assert.Equal((34, V5.ErrorType.System), (error.Code, error.Type));
        Assert.Equal("c390c3c9-495e-402f-b23f-6cab94286c2d", error.ErrorId);
        Assert.Equal("Состояние чека не найдено. Попробуйте позднее.", error.Text);
        Assert.Null(response.Payload);
        Assert.Null(response.GroupCode);
        Assert.Empty(response.Validate().Violations);
        AssertRecordRoundTrips(response);
    }

    // ---- v4 responses ---------------------------------------------------------------------------------------------

    [Fact]
    public void V4_doc_sample_report_done_reads_a_fiscal_attribute_beyond_int32_and_keeps_pdf_artefacts()
    {
        var response = Parse<V4.ReportResponse>(V4ReportDone);
        Assert.Equal("2ea26f17\u20130884\u20134f08\u2013b120\u2013306fc096a58f", response.Uuid);
        Assert.Equal(V4.DocumentStatus.Done, response.Status);
        Assert.Null(response.Error);
        Assert.Equal(" MyCompany_MyShop", response.GroupCode);
        Assert.Equal("prod\u2013agent\u20131", response.DaemonCode);
        Assert.Equal("KSR13.00\u20131\u201311", response.DeviceCode);
        Assert.Equal("TRF10601_1", response.ExternalId);
        Assert.Equal("", response.CallbackUrl);
        Assert.Equal(new DateTimeOffset(2017, 4, 12, 20, 15, 8, TimeSpan.FromHours(3)), response.Timestamp);

        var payload = Assert.IsType<V4.ReportPayload>(response.Payload);
        Assert.Equal(1598m, payload.Total);
        Assert.Equal(3_449_555_941L, payload.FiscalDocumentAttribute);
        Assert.True(payload.FiscalDocumentAttribute > int.MaxValue);
        Assert.Equal((6L, 133L, 23L), (payload.FiscalReceiptNumber, payload.FiscalDocumentNumber, payload.ShiftNumber));
        Assert.Equal("1110000100238211", payload.FnNumber);
        Assert.Equal("0000111118041361", payload.EcrRegistrationNumber);
        Assert.Equal(new DateTimeOffset(2017, 4, 12, 20, 16, 0, TimeSpan.FromHours(3)), payload.ReceiptDatetime);
        Assert.Equal("www.nalog.ru", payload.FnsSite);
        Assert.Equal("7709364346", payload.OfdInn);
        Assert.StartsWith("https://consumer.1-ofd.ru/v1?fn=9288000100014915&fp=3004144185", payload.OfdReceiptUrl, StringComparison.Ordinal);
        Assert.True(response.Validate().IsValid, Describe(response.Validate()));
        AssertRecordRoundTrips(response);
    }

    [Theory]
    [InlineData(V4Error11ExpiredToken, 11, "700a5746-493d-4d50-b9c0-b7ae18cd738c", "Переданный токен не активен", "28.01.2024 14:18:20")]
    [InlineData(V4Error50Server, 50, "141a7be1-3465-412a-b3ce-58df8a859d97", "Ошибка сервера. Обратитесь к Администратору.", "28.01.2024 14:11:06")]
    public void V4_service_errors_read_as_register_and_report_answers_without_status(string json, int code, string errorId, string text, string timestamp)
    {
        // Codes 11 and 50 come back from the register and report endpoints as {error, timestamp} only.
        var register = Parse<V4.RegisterResponse>(json);
        Assert.Null(register.Uuid);
        Assert.Null(register.Status);
        Assert.Equal(timestamp, register.Timestamp);
        var error = Assert.IsType<V4.ServiceError>(register.Error);
        Assert.Equal((code, errorId, text, V4.ErrorType.System), (error.Code, error.ErrorId, error.Text, error.Type));
        Assert.Empty(register.Validate().Violations);

        var report = Parse<V4.ReportResponse>(json);
        Assert.Null(report.Status);
        Assert.Null(report.Payload);
        Assert.Equal(error, report.Error);
        Assert.Empty(report.Validate().Violations);
        AssertRecordRoundTrips(report);
    }

    [Fact]
    public void V4_token_fail_32_tolerates_the_unknown_status_member()
    {
        var response = Parse<V4.TokenResponse>(V4TokenFail32LoginPattern);
        Assert.Null(response.Token);
        var error = Assert.IsType<V4.ServiceError>(response.Error);
        Assert.Equal((32, V4.ErrorType.System), (error.Code, error.Type));
        Assert.Equal("80971fda-4201-4997-a22a-2b76b8289882", error.ErrorId);
        Assert.EndsWith("PatternMismatch: #/login", error.Text, StringComparison.Ordinal);
        Assert.Equal("24.01.2024 22:21:49", response.Timestamp);
        Assert.Empty(response.Validate().Violations);

        // "status" is not a token-response member: it is skipped on reading and not written back.
        Assert.DoesNotContain("status", AtolJson.ToJsonString(response), StringComparison.Ordinal);
        AssertRecordRoundTrips(response);
    }

    [Fact]
    public void V4_report_fail_2009_reads_an_agent_error_without_error_id_and_null_members()
    {
        var response = Parse<V4.ReportResponse>(V4ReportFail2009);
        Assert.Equal("f0269dc9-3050-470a-9542-d9c20bf103a3", response.Uuid);
        Assert.Equal(V4.DocumentStatus.Fail, response.Status);
        Assert.Null(response.Payload);
        Assert.Null(response.Warnings);
        Assert.Equal(("quasar", "KKT000132"), (response.DaemonCode, response.DeviceCode));
        Assert.Equal("https://example.com", response.CallbackUrl);
        Assert.Equal(("v4-online-atol-ru_4179681132", "v4-online-atol-ru_4179"), (response.ExternalId, response.GroupCode));
        Assert.Equal(new DateTimeOffset(2024, 1, 27, 22, 58, 45, TimeSpan.FromHours(3)), response.Timestamp);
        var error = Assert.IsType<V4.ServiceError>(response.Error);
        Assert.Equal((2009, V4.ErrorType.Agent), (error.Code, error.Type));
        Assert.Null(error.ErrorId);
        Assert.StartsWith("ИНН, указанный в чеке 1234567891, не соответствует ИНН группы касс 5544332219.", error.Text, StringComparison.Ordinal);
        Assert.Empty(response.Validate().Violations);
        AssertRecordRoundTrips(response);
    }
}
