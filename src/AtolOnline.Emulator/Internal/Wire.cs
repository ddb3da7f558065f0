using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace AtolOnline.Emulator.Internal;

/// <summary>ATOL's wire conventions: date formats, error catalogue, JSON bodies.</summary>
internal static class Wire
{
    public const string JsonContentType = "application/json; charset=utf-8";

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>ATOL's <c>dd.MM.yyyy HH:mm:ss</c> in the configured local offset (Moscow by default).</summary>
    public static string Timestamp(DateTimeOffset utc, TimeSpan offset) =>
        utc.ToOffset(offset).ToString("dd.MM.yyyy HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>ISO-8601 with an explicit offset, as the monitoring API writes dates (<c>2019-12-05T10:45:30+00:00</c>).</summary>
    public static string Iso(DateTimeOffset utc) =>
        utc.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    public static byte[] Json(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static void WriteError(Utf8JsonWriter w, int code, string errorId, string text, string type = "system")
    {
        w.WritePropertyName("error");
        w.WriteStartObject();
        w.WriteNumber("code", code);
        if (errorId.Length > 0)
        {
            w.WriteString("error_id", errorId);
        }

        w.WriteString("text", text);
        w.WriteString("type", type);
        w.WriteEndObject();
    }

    /// <summary>An error body in ATOL's order: <c>uuid</c>?, <c>status</c>?, <c>error</c>, <c>timestamp</c>.</summary>
    public static Reply Error(int http, int code, string text, string errorId, string timestamp, string? status = null, string? uuid = null) =>
        new(http, Json(w =>
        {
            w.WriteStartObject();
            if (uuid is not null)
            {
                w.WriteString("uuid", uuid);
            }

            if (status is not null)
            {
                w.WriteString("status", status);
            }

            WriteError(w, code, errorId, text);
            w.WriteString("timestamp", timestamp);
            w.WriteEndObject();
        }));

    /// <summary>The page a proxy in front of the service answers with on 502/503.</summary>
    public static Reply ProxyPage(int status)
    {
        string title = status switch
        {
            502 => "502 Bad Gateway",
            429 => "429 Too Many Requests",
            _ => "503 Service Temporarily Unavailable",
        };
        string html = $"<html>\r\n<head><title>{title}</title></head>\r\n<body>\r\n<center><h1>{title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
        return new Reply(status, System.Text.Encoding.UTF8.GetBytes(html), "text/html");
    }

    // Service error texts: V4DOC table 6 / V5DOC §7.1 (ids: schemas/DECISIONS.md#sources); code 50 as captured from the test environment.
    public const string TextMissingToken = "Не распознан токен запроса";
    public const string TextExpiredToken = "Переданный токен не активен";
    public const string TextWrongLogin = "Неверный логин или пароль";
    public const string TextGroupMismatch = "Код группы, указанный в запросе, не соответствует токену";
    public const string TextProtocol = "Код группы не поддерживает данную версию протокола";
    public const string TextBadRequest = "Некорректный запрос";
    public const string TextServer = "Ошибка сервера. Обратитесь к Администратору.";
    public const string TextQueueTimeout = "Превышено время ожидания чека в очереди";
    public const string TextNotReady = "Состояние чека не найдено. Попробуйте позднее";

    public static string TextMissingUuid(string uuid) => $"Передан некорректный UUID : \"{uuid}\". Необходимо повторить запрос с корректными данными";

    public static string TextOperation(string operation) => $"Операция \"{operation}\" не поддерживается";

    public static string TextMediaType(string contentType) => $"Некорректный Content-Type: \"{contentType}\"";

    public static string TextDuplicate(string externalId, string group) => $"В системе существует чек с external_id : \"{externalId}\" и group_code: \"{group}\"";

    /// <summary>Code 32 on registration (document wording «входного»).</summary>
    public static string TextInvalidReceipt(string fields) => "Ошибка валидации входного чека. Ошибочные поля : " + fields;

    /// <summary>Code 32 on getToken (wording captured from the test environment: «входящего»).</summary>
    public static string TextInvalidTokenRequest(string fields) => "Ошибка валидации входящего чека. Ошибочные поля : " + fields;

    /// <summary>
    /// The field list of a code-32 text in ATOL's style: <c>Kind: #/path</c>, comma-separated. ATOL validates with
    /// NJsonSchema, whose error kinds (<c>PatternMismatch</c>, <c>NumberTooSmall</c>, ...) name the rule; ours are mapped
    /// onto them, and cross-field rules keep their own names.
    /// </summary>
    public static string FieldList(IEnumerable<ValidationError> errors)
    {
        var parts = new List<string>();
        foreach (var e in errors)
        {
            if (e.Severity != ValidationSeverity.Error)
            {
                continue;
            }

            string part = AtolKind(e.Code) + ": #/" + e.Path;
            if (!parts.Contains(part))
            {
                parts.Add(part);
            }
        }

        return string.Join(", ", parts);
    }

    private static string AtolKind(string code) => code switch
    {
        ValidationCodes.Required or ValidationCodes.DependentRequired => "PropertyRequired",
        ValidationCodes.MinLength => "StringTooShort",
        ValidationCodes.MaxLength => "StringTooLong",
        ValidationCodes.Pattern => "PatternMismatch",
        ValidationCodes.Format => "Base64Expected",
        ValidationCodes.Minimum or ValidationCodes.ExclusiveMinimum => "NumberTooSmall",
        ValidationCodes.Maximum or ValidationCodes.ExclusiveMaximum => "NumberTooBig",
        ValidationCodes.MultipleOf => "NumberNotMultipleOf",
        ValidationCodes.Enum => "NotInEnumeration",
        ValidationCodes.MinItems => "TooFewItems",
        ValidationCodes.MaxItems => "TooManyItems",
        ValidationCodes.MinProperties => "TooFewProperties",
        ValidationCodes.MaxProperties => "TooManyProperties",
        ValidationCodes.UnknownProperty => "NoAdditionalPropertiesAllowed",
        ValidationCodes.Type => "InvalidType",
        _ => code,
    };
}
