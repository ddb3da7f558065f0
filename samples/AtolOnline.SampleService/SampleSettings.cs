using System.Security.Cryptography;

namespace AtolOnline.SampleService;

/// <summary>The service's settings (configuration keys in <see cref="Read"/>; command line: <c>--Atol:BaseUrl=...</c>).</summary>
internal sealed record SampleSettings(
    Uri AtolBaseUrl, string? ConfiguredCallbackBaseUrl, string DataDirectory, TimeSpan PollAfter, TimeSpan HealthCacheDuration,
    string CompanyInn, string PaymentAddress, string CompanyEmail)
{
    public static SampleSettings Read(IConfiguration configuration) => new(
        new Uri(configuration["Atol:BaseUrl"] ?? AtolClientOptions.TestAddress.ToString()),
        configuration["Atol:CallbackBaseUrl"],
        configuration["Service:DataDirectory"] ?? "data",
        TimeSpan.FromSeconds(double.Parse(configuration["Service:PollAfterSeconds"] ?? "300", System.Globalization.CultureInfo.InvariantCulture)),
        TimeSpan.FromSeconds(double.Parse(configuration["Service:HealthCacheSeconds"] ?? "30", System.Globalization.CultureInfo.InvariantCulture)),
        configuration["Company:Inn"] ?? "5544332219",
        configuration["Company:PaymentAddress"] ?? "https://v5.online.atol.ru",
        configuration["Company:Email"] ?? "shop@example.ru");

    /// <summary>
    /// The public address ATOL posts callbacks to (the token is appended): <c>Atol:CallbackBaseUrl</c>, or, when not set,
    /// the service's own first address (set at start-up; fine on one machine, as with the emulator).
    /// </summary>
    public string CallbackBaseUrl
    {
        get => ConfiguredCallbackBaseUrl ?? _ownCallbackBaseUrl ?? throw new InvalidOperationException("The service has not started yet.");
        set => _ownCallbackBaseUrl = value;
    }

    private string? _ownCallbackBaseUrl;

    /// <summary>
    /// The callback proof key, kept in the data directory: a restarted service must still prove the callback URLs of
    /// documents it sent before (a new key would refuse their callbacks, leaving them to polling).
    /// </summary>
    public AtolCallbackProof LoadProof()
    {
        Directory.CreateDirectory(DataDirectory);
        var path = Path.Combine(DataDirectory, "callback.key");
        if (!File.Exists(path))
        {
            File.WriteAllBytes(path, RandomNumberGenerator.GetBytes(32));
        }

        return new AtolCallbackProof(File.ReadAllBytes(path));
    }
}
