using System.Text.Json;
using AtolOnline;
using AtolOnline.SampleService;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using AtolOnline.Protocol;

var builder = WebApplication.CreateSlimBuilder(args);
// Warnings and errors only unless configured (Logging:LogLevel:Default): per-request lines would drown what matters.
builder.Logging.SetMinimumLevel(LogLevel.Warning);
var settings = SampleSettings.Read(builder.Configuration);
var proof = settings.LoadProof();
builder.Services.AddSingleton(settings);
builder.Services.AddSingleton(proof);
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton(_ => new OrderStore(settings.DataDirectory));
builder.Services.AddSingleton<OrderService>();
builder.Services.AddAtolClient(o =>
{
    o.BaseAddress = settings.AtolBaseUrl;
    o.ProtocolVersion = AtolProtocolVersion.V5;
    if (builder.Configuration["Atol:Login"] is { } login)
    {
        o.Login = login;
        o.Password = builder.Configuration["Atol:Password"] ?? "";
        o.GroupCode = builder.Configuration["Atol:GroupCode"] ?? "";
    }
    else
    {
        o.UseTestCredentials(); // ATOL's public test account (also the emulator's).
    }
});
builder.Services.AddAtolCallbacks(o => o.Proof = proof);
builder.Services.AddHealthChecks().AddAtolHealthChecks(o => o.CacheDuration = settings.HealthCacheDuration);
builder.Services.AddSingleton<MetricsEndpoint>();

var app = builder.Build();
var orders = app.Services.GetRequiredService<OrderService>();
app.MapPost("/orders", orders.PlaceAsync);
app.MapGet("/orders/{id}", orders.GetAsync);
app.MapAtolCallbacks("/atol/callbacks/{token}", orders.ApplyAsync);
app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = WriteHealthAsync });
app.MapGet("/metrics", app.Services.GetRequiredService<MetricsEndpoint>().WriteAsync);

await app.StartAsync();
settings.CallbackBaseUrl = app.Urls.First().TrimEnd('/') + "/atol/callbacks";
// The first line of output is the address (CI reads it, as it does the emulator's).
Console.WriteLine(app.Urls.First());

using var catchUp = new PeriodicTimer(TimeSpan.FromSeconds(5));
var lifetime = app.Services.GetRequiredService<IHostApplicationLifetime>();
try
{
    do
    {
        await orders.CatchUpAsync(lifetime.ApplicationStopping);
    }
    while (await catchUp.WaitForNextTickAsync(lifetime.ApplicationStopping));
}
catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested)
{
    // Stopping.
}

await app.WaitForShutdownAsync();

static async Task WriteHealthAsync(HttpContext context, HealthReport report)
{
    context.Response.ContentType = "application/json; charset=utf-8";
    await using var json = new Utf8JsonWriter(context.Response.Body);
    json.WriteStartObject();
    json.WriteString("status", report.Status.ToString());
    json.WriteStartObject("checks");
    foreach (var (name, entry) in report.Entries)
    {
        json.WriteStartObject(name);
        json.WriteString("status", entry.Status.ToString());
        json.WriteString("description", entry.Description);
        json.WriteStartObject("data");
        foreach (var (key, value) in entry.Data)
        {
            json.WriteString(key, Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture));
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    json.WriteEndObject();
    json.WriteEndObject();
}
