using System.Text;
using AtolOnline.Internal;
using AtolOnline.Validation;
using AtolOnline.Json;

namespace AtolOnline.Core.Tests;

/// <summary>
/// The JSON reader's and the keyword checks' edges that mutation testing found unguarded by the fast tests: every
/// limit exactly and one past it (including the exclusive ones, which no ATOL schema uses), wrong types of each kind,
/// trailing data, empty input, the ECMA-262 end anchor, and the messages users read.
/// </summary>
public sealed class JsonEdgeTests
{
    private static byte[] Utf8(string json) => Encoding.UTF8.GetBytes(json);

    private static ValidationError[] Decimal(decimal value, decimal? min = null, decimal? max = null, decimal? exMin = null, decimal? exMax = null, decimal? step = null)
    {
        var context = new ValidationContext();
        Checks.Decimal(context, "x", 7, ValidationSeverity.Error, value, min, max, exMin, exMax, step);
        return [.. context.Violations];
    }

    private static ValidationError[] Integer(long value, long? min = null, long? max = null, long? exMin = null, long? exMax = null)
    {
        var context = new ValidationContext();
        Checks.Integer(context, "x", 7, ValidationSeverity.Warning, value, min, max, exMin, exMax);
        return [.. context.Violations];
    }

    [Fact]
    public void Numeric_limits_hold_exactly_at_the_limit_and_fail_one_step_past_it()
    {
        Assert.Empty(Decimal(0m, min: 0m));
        Assert.Equal("x Minimum 7 Error Значение -0.01 меньше минимального (0)", Describe(Assert.Single(Decimal(-0.01m, min: 0m))));
        Assert.Empty(Decimal(100m, max: 100m));
        Assert.Equal("x Maximum 7 Error Значение 100.01 больше максимального (100)", Describe(Assert.Single(Decimal(100.01m, max: 100m))));
        Assert.Empty(Decimal(0.001m, exMin: 0m));
        Assert.Equal("x ExclusiveMinimum 7 Error Значение 0 должно быть больше 0", Describe(Assert.Single(Decimal(0m, exMin: 0m))));
        Assert.Empty(Decimal(999.999m, exMax: 1000m));
        Assert.Equal("x ExclusiveMaximum 7 Error Значение 1000 должно быть меньше 1000", Describe(Assert.Single(Decimal(1000m, exMax: 1000m))));
        Assert.Empty(Decimal(1.23m, step: 0.01m));
        Assert.Equal(ValidationCodes.MultipleOf, Assert.Single(Decimal(1.234m, step: 0.01m)).Code);
        Assert.Empty(Decimal(5m));

        Assert.Empty(Integer(1, min: 1));
        Assert.Equal("x Minimum 7 Warning Значение 0 меньше минимального (1)", Describe(Assert.Single(Integer(0, min: 1))));
        Assert.Empty(Integer(255, max: 255));
        Assert.Equal("x Maximum 7 Warning Значение 256 больше максимального (255)", Describe(Assert.Single(Integer(256, max: 255))));
        Assert.Empty(Integer(1, exMin: 0));
        Assert.Equal("x ExclusiveMinimum 7 Warning Значение 0 должно быть больше 0", Describe(Assert.Single(Integer(0, exMin: 0))));
        Assert.Empty(Integer(999, exMax: 1000));
        Assert.Equal("x ExclusiveMaximum 7 Warning Значение 1000 должно быть меньше 1000", Describe(Assert.Single(Integer(1000, exMax: 1000))));
    }

    [Fact]
    public void Counts_of_items_and_members_hold_at_the_limit_and_fail_one_past_it()
    {
        static string[] Items(int count)
        {
            var context = new ValidationContext();
            Checks.Items(context, "a", null, ValidationSeverity.Error, count, 1, 3);
            return context.Violations.Select(Describe).ToArray();
        }

        Assert.Empty(Items(1));
        Assert.Empty(Items(3));
        Assert.Equal(["a MinItems - Error Элементов 0, нужно не меньше 1"], Items(0));
        Assert.Equal(["a MaxItems - Error Элементов 4, допускается не больше 3"], Items(4));

        static string[] Members(int count, int? min, int? max)
        {
            var context = new ValidationContext();
            Checks.PropertyCount(context, count, min, max);
            return context.Violations.Select(Describe).ToArray();
        }

        Assert.Empty(Members(1, 1, 1));
        Assert.Equal([" MinProperties - Error Должно быть заполнено ровно 1 поле(й), заполнено 0"], Members(0, 1, 1));
        Assert.Equal([" MaxProperties - Error Должно быть заполнено ровно 1 поле(й), заполнено 2"], Members(2, 1, 1));
        Assert.Equal([" MinProperties - Error Заполнено полей 1, нужно не меньше 2"], Members(1, 2, 3));
        Assert.Equal([" MaxProperties - Error Заполнено полей 4, допускается не больше 3"], Members(4, 2, 3));
        Assert.Empty(Members(2, 2, 3));
        Assert.Empty(Members(3, 2, 3));
    }

    [Fact]
    public void Strings_count_code_points_and_check_base64_strictly()
    {
        static string[] Check(string value, int? min, int? max, bool base64 = false)
        {
            var context = new ValidationContext();
            Checks.String(context, "s", null, ValidationSeverity.Error, value, min, max, null, base64);
            return context.Violations.Select(v => v.Code).ToArray();
        }

        Assert.Empty(Check("ab", 2, 2));
        Assert.Equal([ValidationCodes.MinLength], Check("a", 2, null));
        Assert.Equal([ValidationCodes.MaxLength], Check("abc", null, 2));
        Assert.Empty(Check("😀😀", 2, 2)); // two code points, four UTF-16 units
        Assert.Equal(2, Checks.CodePoints("😀😀"));
        Assert.Equal(3, Checks.CodePoints("a😀b"));
        Assert.Empty(Check("aGVsbG8=", null, null, base64: true));
        Assert.Equal([ValidationCodes.Format], Check("aGVsbG8", null, null, base64: true));
        Assert.Equal([ValidationCodes.Format], Check("aGVs bG8=", null, null, base64: true));
        Assert.Equal([ValidationCodes.Format], Check("aGVsbG8=\n", null, null, base64: true));
        Assert.True(Checks.IsBase64(""));
        Assert.False(Checks.IsBase64("a==="));
    }

    [Theory]
    [InlineData("^[0-9]{10}$", "^[0-9]{10}(?!\\n)$")]
    [InlineData("^a\\$b$", "^a\\$b(?!\\n)$")]
    [InlineData("^[$]+$", "^[$]+(?!\\n)$")]
    [InlineData("^[\\]$]$", "^[\\]$](?!\\n)$")]
    [InlineData("^a|b$", "^a|b(?!\\n)$")]
    [InlineData("abc", "abc")]
    [InlineData("a\\", "a\\")]
    public void Only_unescaped_end_anchors_outside_classes_are_made_strict(string pattern, string expected) =>
        Assert.Equal(expected, Checks.StrictEndAnchors(pattern));

    [Fact]
    public void A_pattern_matches_like_ecmascript()
    {
        var inn = Checks.CreatePattern("^[0-9]{10}$");
        Assert.Equal("^[0-9]{10}$", inn.Text);
        Assert.True(inn.IsMatch("5544332219"));
        Assert.False(inn.IsMatch("5544332219\n"));
        Assert.False(inn.IsMatch("554433221"));
        var context = new ValidationContext();
        Checks.String(context, "inn", 1018, ValidationSeverity.Error, new string('7', 80), null, null, inn, false);
        var violation = Assert.Single(context.Violations);
        Assert.Equal(ValidationCodes.Pattern, violation.Code);
        Assert.Contains(new string('7', 64) + "…", violation.Message, StringComparison.Ordinal); // long values are shortened
        Assert.DoesNotContain(new string('7', 65), violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Wrong_types_are_reported_in_words_and_the_rest_of_the_document_is_still_read()
    {
        var result = AtolJson.Validate<V5.TokenRequest>(Utf8("""{"login":{"a":[1,{"b":2}]},"pass":"secret"}"""), out var token);
        Assert.Equal("login Type - Error Ожидается строка", Describe(Assert.Single(result.Violations)));
        Assert.Equal("secret", token!.Pass);

        var quantity = AtolJson.Validate<V5.MarkQuantity>(Utf8("""{"numerator":"1","denominator":3000000000}"""), out _);
        Assert.Equal(
            ["denominator Type 1294 Error Ожидается целое число в диапазоне Int32", "numerator Type 1293 Error Ожидается целое число"],
            quantity.Violations.Select(Describe).Order(StringComparer.Ordinal).ToArray());

        var item = AtolJson.Validate<V5.CashlessPayment>(Utf8("""{"sum":"1.00","method":true}"""), out _);
        Assert.Contains(item.Violations, v => v.Path == "sum" && v.Code == ValidationCodes.Type && v.Message == "Ожидается число");
        Assert.Contains(item.Violations, v => v.Path == "method" && v.Code == ValidationCodes.Type && v.Message == "Ожидается целое число");

        var flags = AtolJson.Validate<V5.TokenRequest>(Utf8("""{"login":true,"pass":[]}"""), out _);
        Assert.Equal(2, flags.Violations.Count(v => v.Code == ValidationCodes.Type));
    }

    [Fact]
    public void Unknown_members_missing_members_and_bad_enums_name_what_is_wrong()
    {
        // A v5 payment is closed (ATOL refuses unknown members there); getToken is open in ATOL's printed schema, so there
        // the same member is only a warning.
        var result = AtolJson.Validate<V5.Payment>(Utf8("""{"type":1,"extra":{"deep":[1,2]},"sum":1}"""), out var payment);
        Assert.Equal("extra UnknownProperty - Error Неизвестное поле «extra»", Describe(Assert.Single(result.Violations)));
        Assert.Equal(1m, payment!.Sum);
        var open = AtolJson.Validate<V5.TokenRequest>(Utf8("""{"login":"l","pass":"p","extra":{"deep":[1,2]}}"""), out var token);
        Assert.Equal((ValidationCodes.UnknownProperty, ValidationSeverity.Warning), (Assert.Single(open.Violations).Code, open.Violations[0].Severity));
        Assert.Equal("p", token!.Pass);

        var missing = AtolJson.Validate<V5.TokenRequest>(Utf8("""{"login":"l"}"""), out _);
        Assert.Equal("pass Required - Error " + ValidationMessages.Required, Describe(Assert.Single(missing.Violations)));

        var status = AtolJson.Validate<V5.Payment>(Utf8("""{"type":77,"sum":1}"""), out _);
        var bad = Assert.Single(status.Violations);
        Assert.Equal((ValidationCodes.Enum, "Недопустимое значение 77"), (bad.Code, bad.Message));
        var named = AtolJson.Validate<V5.Vat>(Utf8("""{"type":"vat99","sum":1}"""), out _);
        Assert.Equal("Недопустимое значение «vat99»", Assert.Single(named.Violations).Message);
    }

    [Theory]
    [InlineData("", "Syntax")]
    [InlineData("   ", "Syntax")]
    [InlineData("[]", "Type")]
    [InlineData("""{"login":"l","pass":"p"} {}""", "Syntax")]
    [InlineData("""{"login":"l","pass":"p"} x""", "Syntax")]
    [InlineData("""{"login":"l","pass":"p"}}""", "Syntax")]
    [InlineData("""{"login":"l","pass":"p",}""", "Syntax")]
    [InlineData("""{"login":"l",/*c*/"pass":"p"}""", "Syntax")]
    public void Malformed_input_is_an_AtolJsonException_with_its_code(string json, string code)
    {
        var parse = Assert.Throws<AtolJsonException>(() => AtolJson.Parse<V5.TokenRequest>(Utf8(json)));
        Assert.Equal(code, parse.Code);
        var validate = Assert.Throws<AtolJsonException>(() => AtolJson.Validate<V5.TokenRequest>(Utf8(json), out _));
        Assert.Equal(code, validate.Code);
    }

    [Fact]
    public void A_document_followed_by_whitespace_only_is_fine_and_parse_throws_on_the_first_issue()
    {
        Assert.Equal("l", AtolJson.Parse<V5.TokenRequest>(Utf8("{\"login\":\"l\",\"pass\":\"p\"} \n\t")).Login);
        var ex = Assert.Throws<AtolJsonException>(() => AtolJson.Parse<V5.TokenRequest>(Utf8("""{"login":1,"pass":"p"}""")));
        Assert.Equal((ValidationCodes.Type, "login"), (ex.Code, ex.Path));
        Assert.Equal(9, ex.BytePosition);
    }

    [Fact]
    public void Written_json_keeps_cyrillic_and_symbols_readable()
    {
        var text = AtolJson.ToJsonString(new V5.TokenRequest { Login = "кассир+1<>&", Pass = "p" });
        Assert.Equal("""{"login":"кассир+1<>&","pass":"p"}""", text);
        Assert.Throws<ArgumentNullException>(() => AtolJson.ToJsonString<V5.TokenRequest>(null!));
    }

    [Fact]
    public void Booleans_decimals_and_whole_documents_are_read_and_validated()
    {
        static V5.Item Item(string wholesale) => AtolJson.Parse<V5.Item>(Utf8(
            "{\"name\":\"n\",\"price\":1,\"quantity\":1,\"measure\":0,\"sum\":1,\"payment_method\":\"full_payment\",\"payment_object\":1,\"vat\":{\"type\":\"none\"},\"wholesale\":" + wholesale + "}"));
        Assert.True(Item("true").Wholesale);
        Assert.False(Item("false").Wholesale);
        var wrong = AtolJson.Validate<V5.Item>(Utf8("{\"name\":\"n\",\"price\":1,\"quantity\":1,\"measure\":0,\"sum\":1,\"payment_method\":\"full_payment\",\"payment_object\":1,\"vat\":{\"type\":\"none\"},\"wholesale\":\"yes\"}"), out _);
        Assert.Equal("wholesale Type - Error Ожидается логическое значение (true/false)", Describe(Assert.Single(wrong.Violations, v => v.Path == "wholesale")));

        var huge = AtolJson.Validate<V5.CashlessPayment>(Utf8("""{"sum":1e40,"method":1}"""), out _);
        var range = Assert.Single(huge.Violations, v => v.Path == "sum");
        Assert.Equal((ValidationCodes.Maximum, "Число вне диапазона decimal"), (range.Code, range.Message));

        // Validate runs the document's own checks after reading, not only the reader's.
        var tooLong = AtolJson.Validate<V5.TokenRequest>(Utf8("{\"login\":\"" + new string('l', 101) + "\",\"pass\":\"p\"}"), out var token);
        Assert.Contains(tooLong.Violations, v => v.Path == "login" && v.Code == ValidationCodes.MaxLength);
        Assert.NotNull(token);
    }

    [Fact]
    public void Syntax_errors_name_the_line_and_the_place()
    {
        var ex = Assert.Throws<AtolJsonException>(() => AtolJson.Parse<V5.TokenRequest>(Utf8("{\"login\":\"l\",\n\"pass\":p}")));
        Assert.StartsWith("$: некорректный JSON в строке 2", ex.Message, StringComparison.Ordinal);
        var array = Assert.Throws<AtolJsonException>(() => AtolJson.Parse<V5.TokenRequest>(Utf8("[1]")));
        Assert.Equal("$: ожидается объект JSON (байт 0)", array.Message);
        var trailing = Assert.Throws<AtolJsonException>(() => AtolJson.Parse<V5.TokenRequest>(Utf8("""{"login":"l","pass":"p"} {}""")));
        Assert.Equal("$: лишние данные после документа (байт 25)", trailing.Message);
        var nested = Assert.Throws<AtolJsonException>(() => AtolJson.Parse<V5.ReceiptRequest>(Utf8("""{"receipt":{"items":[{"name":"a\u00"}]}}""")));
        Assert.Equal("Syntax", nested.Code);
        Assert.StartsWith("receipt.items[0]", nested.Message, StringComparison.Ordinal);
    }

    private static string Describe(ValidationError v) =>
        v.Path + " " + v.Code + " " + (v.FfdTag?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-") + " " + v.Severity + " " + v.Message;
}
