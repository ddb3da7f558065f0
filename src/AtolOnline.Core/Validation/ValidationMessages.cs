namespace AtolOnline.Validation;

/// <summary>Messages shared by the generated rules and the reader (Russian: ATOL's users read Russian).</summary>
internal static class ValidationMessages
{
    public const string Required = "Обязательное поле не заполнено";
}
