using System.Text;
using System.Text.Encodings.Web;
using AtolOnline.Internal;
using AtolOnline.Validation;
using AtolOnline.Json;

namespace AtolOnline.Core.Tests;

/// <summary>
/// Behaviour of the JSON reader that the last mutation run showed unguarded: a value that cannot be read leaves its
/// member absent (never a made-up 0 or false), null where the schema allows it is "absent", wrong-typed array elements
/// are dropped, positions and paths of read errors, shortened values in messages, and per-thread state that must not
/// leak from one call into the next.
/// </summary>
public sealed class JsonMutationGapTests
{
    private static byte[] Utf8(string json) => Encoding.UTF8.GetBytes(json);

    private static string Describe(ValidationError v) =>
        v.Path + " " + v.Code + " " + v.Severity + " " + v.Message;

    [Fact]
    public void Numbers_that_cannot_be_read_leave_the_member_absent_and_null_is_absent_where_allowed()
    {
        var result = AtolJson.Validate<V4.ReportPayload>(
            Utf8("""{"total":1e40,"fiscal_document_attribute":1e20,"fiscal_receipt_number":"7","shift_number":null,"fiscal_document_number":12}"""),
            out var payload);
        Assert.Equal(
            [
                "fiscal_document_attribute Type Error Ожидается целое число в диапазоне Int64",
                "fiscal_receipt_number Type Error Ожидается целое число",
                "total Maximum Error Число вне диапазона decimal",
            ],
            result.Violations.Select(Describe).Order(StringComparer.Ordinal).ToArray());
        Assert.NotNull(payload);
        Assert.Null(payload.Total);
        Assert.Null(payload.FiscalDocumentAttribute);
        Assert.Null(payload.FiscalReceiptNumber);
        Assert.Null(payload.ShiftNumber);
        Assert.Equal(12, payload.FiscalDocumentNumber);

        var mark = AtolJson.Validate<V5.MarkResult>(Utf8("""{"position":3000000000,"result":1}"""), out var markResult);
        Assert.Equal("position Type Error Ожидается целое число в диапазоне Int32", Describe(Assert.Single(mark.Violations)));
        Assert.Null(markResult!.Position);
        Assert.Equal(1, markResult.Result);
    }

    [Fact]
    public void Parse_stops_at_a_number_out_of_range_with_its_path_and_byte()
    {
        var ex = Assert.Throws<AtolJsonException>(() => AtolJson.Parse<V4.ReportPayload>(Utf8("""{"fiscal_document_attribute":1e20}""")));
        Assert.Equal((ValidationCodes.Type, "fiscal_document_attribute", 29L), (ex.Code, ex.Path, ex.BytePosition));
        Assert.Equal("fiscal_document_attribute: Ожидается целое число в диапазоне Int64 (байт 29)", ex.Message);
    }

    [Fact]
    public void A_missing_member_has_no_byte_position()
    {
        var ex = Assert.Throws<AtolJsonException>(() => AtolJson.Parse<V5.TokenRequest>(Utf8("""{"login":"l"}""")));
        Assert.Equal((ValidationCodes.Required, "pass", -1L), (ex.Code, ex.Path, ex.BytePosition));
    }

    [Fact]
    public void An_unknown_enum_value_leaves_an_optional_member_absent_and_long_values_are_shortened_in_the_message()
    {
        const string Item = "{\"name\":\"n\",\"price\":1,\"quantity\":1,\"measure\":0,\"sum\":1,\"payment_method\":\"full_payment\",\"payment_object\":1,\"vat\":{\"type\":\"none\"}";
        var result = AtolJson.Validate<V5.Item>(Utf8(Item + ",\"planned_status\":99}"), out var item);
        Assert.Equal("planned_status Enum Error Недопустимое значение 99", Describe(Assert.Single(result.Violations)));
        Assert.Null(item!.PlannedStatus);

        // «» count: a value of 62 characters is shown whole (64 with the quotes), one of 63 is cut after 64.
        var whole = AtolJson.Validate<V5.Vat>(Utf8("{\"type\":\"" + new string('v', 62) + "\",\"sum\":1}"), out _);
        Assert.Equal("Недопустимое значение «" + new string('v', 62) + "»", Assert.Single(whole.Violations).Message);
        var cut = AtolJson.Validate<V5.Vat>(Utf8("{\"type\":\"" + new string('v', 63) + "\",\"sum\":1}"), out _);
        Assert.Equal("Недопустимое значение «" + new string('v', 63) + "…", Assert.Single(cut.Violations).Message);
    }

    [Fact]
    public void Wrong_typed_array_elements_are_dropped_and_wrong_containers_are_named()
    {
        var result = AtolJson.Validate<V5.MoneyTransferOperator>(Utf8("""{"phones":["+79990000000",5,"+79990000001"]}"""), out var mto);
        Assert.Equal("phones[1] Type Error Ожидается строка", Describe(Assert.Single(result.Violations)));
        Assert.Equal(["+79990000000", "+79990000001"], mto!.Phones);

        var notArray = AtolJson.Validate<V5.MoneyTransferOperator>(Utf8("""{"phones":"+79990000000"}"""), out var none);
        Assert.Equal("phones Type Error Ожидается массив", Describe(Assert.Single(notArray.Violations)));
        Assert.Null(none!.Phones);

        var notObject = AtolJson.Validate<V5.AgentInfo>(Utf8("""{"type":"another","money_transfer_operator":1}"""), out var agent);
        Assert.Equal("money_transfer_operator Type Error Ожидается объект", Describe(Assert.Single(notObject.Violations)));
        Assert.Null(agent!.MoneyTransferOperator);
    }

    [Fact]
    public void Syntax_errors_carry_the_byte_where_reading_stopped()
    {
        var ex = Assert.Throws<AtolJsonException>(() => AtolJson.Parse<V5.TokenRequest>(Utf8("{\"login\":\"l\",\n\"pass\":p}")));
        Assert.Equal(("Syntax", ""), (ex.Code, ex.Path));
        Assert.Equal(21, ex.BytePosition); // where the bad token "p" starts
    }

    [Fact]
    public void Invalid_utf8_in_a_value_is_a_syntax_error_at_its_path()
    {
        byte[] json = [.. Utf8("{\"receipt\":{\"items\":[{\"name\":\""), 0xFF, .. Utf8("\"}]}}")];
        var ex = Assert.Throws<AtolJsonException>(() => AtolJson.Parse<V5.ReceiptRequest>(json));
        Assert.Equal(("Syntax", "receipt.items[0]", 29L), (ex.Code, ex.Path, ex.BytePosition));
        Assert.StartsWith("receipt.items[0]: некорректное значение (байт 29): ", ex.Message, StringComparison.Ordinal);
        Assert.IsType<InvalidOperationException>(ex.InnerException);
    }

    [Fact]
    public void A_dependent_member_missing_names_the_member_it_depends_on()
    {
        const string Item = "{\"name\":\"n\",\"price\":1,\"quantity\":1,\"measure\":0,\"sum\":1,\"payment_method\":\"full_payment\",\"payment_object\":1,\"vat\":{\"type\":\"none\"}";
        var result = AtolJson.Validate<V5.Item>(Utf8(Item + ",\"agent_info\":{\"type\":\"another\"}}"), out _);
        var dependent = Assert.Single(result.Violations, v => v.Code == ValidationCodes.DependentRequired);
        Assert.Equal("supplier_info DependentRequired Error Поле обязательно, когда заполнено «agent_info»", Describe(dependent));
    }

    [Fact]
    public void Keyword_messages_show_values_of_64_characters_whole_and_explain_base64()
    {
        var context = new ValidationContext();
        Checks.String(context, "inn", 1018, ValidationSeverity.Error, new string('7', 64), null, null, Checks.CreatePattern("^[0-9]{10}$"), false);
        Assert.Equal("Значение «" + new string('7', 64) + "» не соответствует шаблону ^[0-9]{10}$", Assert.Single(context.Violations).Message);

        var base64 = new ValidationContext();
        Checks.String(base64, "data", null, ValidationSeverity.Error, "not base64!", null, null, null, true);
        Assert.Equal(
            "data Format Error Значение должно быть закодировано в Base64 (стандартный алфавит, с выравниванием «=»)",
            Describe(Assert.Single(base64.Violations)));
    }

    [Fact]
    public void Shared_serializer_options_keep_cyrillic_readable_and_cannot_be_changed()
    {
        var options = AtolJson.SerializerOptions;
        Assert.Same(JavaScriptEncoder.UnsafeRelaxedJsonEscaping, options.Encoder);
        Assert.True(options.IsReadOnly);
        Assert.Throws<InvalidOperationException>(() => options.WriteIndented = true);
    }

    [Fact]
    public void A_validation_in_the_service_profile_does_not_leak_into_the_next_parse()
    {
        // Parse borrows a per-thread context; a context Validate was given (here in the service profile, which lets a
        // duplicate member through) must never be the one the next Parse borrows.
        var service = AtolJson.Validate<V5.TokenRequest>(Utf8("""{"login":"l","login":"m","pass":"p"}"""), out _, ValidationProfile.Service);
        Assert.True(service.IsValid);
        var ex = Assert.Throws<AtolJsonException>(() => AtolJson.Parse<V5.TokenRequest>(Utf8("""{"login":"l","login":"m","pass":"p"}""")));
        Assert.Equal((ValidationCodes.DuplicateProperty, "login"), (ex.Code, ex.Path));
    }

    [Fact]
    public void Errors_about_the_whole_document_have_the_root_path()
    {
        var array = Assert.Throws<AtolJsonException>(() => AtolJson.Parse<V5.TokenRequest>(Utf8("[1]")));
        Assert.Equal((ValidationCodes.Type, "", 0L), (array.Code, array.Path, array.BytePosition));
        var trailing = Assert.Throws<AtolJsonException>(() => AtolJson.Validate<V5.TokenRequest>(Utf8("""{"login":"l","pass":"p"} x"""), out _));
        Assert.Equal(("Syntax", ""), (trailing.Code, trailing.Path));
    }

    [Fact]
    public void Unknown_members_of_an_open_object_are_skipped_without_a_word()
    {
        // ATOL's report payload is open (newer services add members); a member we do not know is no issue there.
        var result = AtolJson.Validate<V4.ReportPayload>(Utf8("""{"new_member":{"a":[1]},"total":5}"""), out var payload);
        Assert.Empty(result.Violations);
        Assert.Equal(5m, payload!.Total);
    }

    [Fact]
    public void A_null_sum_is_a_type_error_for_us_but_a_present_zero_for_the_v4_service()
    {
        const string Json = """{"type":1,"sum":null}""";
        var safe = AtolJson.Validate<V4.Payment>(Utf8(Json), out _);
        Assert.Equal("sum Type Error Ожидается число", Describe(Assert.Single(safe.Violations)));
        var service = AtolJson.Validate<V4.Payment>(Utf8(Json), out var payment, ValidationProfile.Service);
        Assert.Empty(service.Violations);
        Assert.Equal(0m, payment!.Sum);
    }
}
