using System.Collections.Concurrent;
using System.Net;
using AtolOnline.Emulator.Internal;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AtolOnline.Emulator;

/// <summary>
/// A local ATOL Online on Kestrel (127.0.0.1): possystem v4 and v5, the monitoring API, and a control surface under
/// <c>/emulator/</c>. Start it with <see cref="StartAsync"/>, point a client at <see cref="BaseAddress"/>, and dispose
/// it at the end of the test.
/// </summary>
/// <example>
/// <code>
/// await using var atol = await AtolEmulator.StartAsync(new EmulatorOptions { ProcessingDelay = TimeSpan.Zero });
/// var http = new HttpClient { BaseAddress = atol.BaseAddress };
/// // POST possystem/v5/getToken, POST possystem/v5/v5-online-atol-ru_5179/sell, GET .../report/{uuid}
/// </code>
/// </example>
public sealed class AtolEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Store _store;
    private readonly EmulatorOptions _options;
    private readonly CancellationTokenSource _stopping;
    private readonly HttpClient _callbackClient;
    private readonly ConcurrentDictionary<Task, byte> _callbacks = new();
    private readonly Task _worker;
    private int _disposed;

    private AtolEmulator(WebApplication app, Store store, FaultInjector faults, EmulatorOptions options, Uri baseAddress, CancellationTokenSource stopping)
    {
        _app = app;
        _stopping = stopping;
        _store = store;
        _options = options;
        Faults = faults;
        BaseAddress = baseAddress;
        _callbackClient = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false })
        {
            Timeout = options.CallbackTimeout,
        };
        store.Clock.Moved += (_, _) => RunDue();
        _worker = Task.Run(WorkAsync);
    }

    /// <summary>The host root, e.g. <c>http://127.0.0.1:51234/</c>: <c>possystem/v4/</c>, <c>possystem/v5/</c>, <c>api/</c> and <c>emulator/</c> live under it.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The emulator's clock: advance or set it to expire tokens, finish processing or age reports.</summary>
    public EmulatorClock Clock => _store.Clock;

    /// <summary>The fault rules in force; add and clear them at any time.</summary>
    public FaultInjector Faults { get; }

    /// <summary>The accounts the emulator knows.</summary>
    public IReadOnlyCollection<EmulatorAccount> Accounts => _store.Accounts;

    /// <summary>Every document still within its retention window, in registration order.</summary>
    public IReadOnlyList<EmulatedDocument> Documents
    {
        get
        {
            RunDue();
            return _store.Snapshot();
        }
    }

    /// <summary>Starts an emulator and waits until it listens.</summary>
    /// <exception cref="ArgumentException">Two accounts share a login or a group code, or an option is out of range.</exception>
    /// <exception cref="FormatException">The accounts file is malformed.</exception>
    public static async Task<AtolEmulator> StartAsync(EmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new EmulatorOptions();
        if (options.Port is < 0 or > 65535)
        {
            throw new ArgumentException("Port must be 0-65535.", nameof(options));
        }

        if (options.MaxRequestBodySize < 1 || options.ProcessingDelay < TimeSpan.Zero || options.TokenLifetime <= TimeSpan.Zero || options.RequestLogCapacity < 0)
        {
            throw new ArgumentException("MaxRequestBodySize, ProcessingDelay and TokenLifetime must be positive, RequestLogCapacity not negative.", nameof(options));
        }

        if (options.Registers is < 1 or > 1000 || options.ProcessingJitter is < 0 or > 1 || double.IsNaN(options.ProcessingJitter) || options.QueueTimeout < TimeSpan.Zero)
        {
            throw new ArgumentException("Registers must be 1-1000, ProcessingJitter 0-1, QueueTimeout not negative.", nameof(options));
        }

        var accounts = new List<EmulatorAccount>();
        if (options.IncludeTestAccounts)
        {
            accounts.Add(EmulatorAccount.TestV4);
            accounts.Add(EmulatorAccount.TestV5);
        }

        accounts.AddRange(options.Accounts);
        if (options.AccountsFile is { } file)
        {
            accounts.AddRange(EmulatorAccount.LoadFile(file));
        }

        var clock = new EmulatorClock(options.TimeProvider);
        var store = new Store(options, accounts, clock);
        var faults = new FaultInjector(options.Seed, options.Faults);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ApplicationName = typeof(AtolEmulator).Assembly.GetName().Name });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = null; // the emulator enforces its own limit with an ATOL-style answer
            k.Listen(IPAddress.Loopback, options.Port);
        });
        var app = builder.Build();

        AtolEmulator? self = null;
        void RunDueProxy() => self?.RunDue();
        var stopping = new CancellationTokenSource();
        app.Use(ControlGuard.InvokeAsync);
        app.Use(new RequestRecorder(store.Requests, options.MaxRequestBodySize).InvokeAsync);
        new Endpoints(store, faults, options, RunDueProxy, stopping.Token).Map(app);
        if (options.EnableControlApi)
        {
            new ControlApi(store, faults, RunDueProxy).Map(app);
        }

        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            stopping.Dispose();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var baseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
        self = new AtolEmulator(app, store, faults, options, baseAddress, stopping);
        return self;
    }

    /// <summary>The document with this uuid, or null (unknown or past its retention window).</summary>
    public EmulatedDocument? FindDocument(string uuid)
    {
        RunDue();
        return _store.Find(uuid) is { } d ? _store.SnapshotOf(d) : null;
    }

    /// <summary>The document registered in <paramref name="groupCode"/> under <paramref name="externalId"/>, or null.</summary>
    public EmulatedDocument? FindDocument(string groupCode, string externalId) =>
        Documents.FirstOrDefault(d => d.GroupCode == groupCode && d.ExternalId == externalId);

    /// <summary>
    /// What the emulator received so far: registrations per external_id (accepted, answered 33, refused), report
    /// requests per uuid and token requests per login, counted on arrival. Use it to prove what a client sent: a
    /// duplicate registration shows here even though the emulator answers it with 33 and stores nothing.
    /// </summary>
    /// <example>
    /// <code>
    /// var requests = atol.GetRequests();
    /// Assert.Equal(1, requests.ForExternalId("v5-online-atol-ru_5179", "order-1").Registrations);
    /// Assert.True(requests.MaxRegistrationsWithin(TimeSpan.FromSeconds(1)) &lt;= 20);
    /// </code>
    /// </example>
    public EmulatorRequests GetRequests() => _store.Requests.Snapshot();

    /// <summary>
    /// What each group of registers did: registers, registrations, report requests and the busiest clock second of
    /// them, the queue, documents done and failed. The same figures as <c>GET /emulator/stats</c>.
    /// </summary>
    public EmulatorStats GetStats()
    {
        RunDue();
        return Stats.Of(_store);
    }

    /// <summary>The registers of one group (or of every group), as they are now, monitoring faults included.</summary>
    public IReadOnlyList<EmulatedRegister> GetRegisters(string? groupCode = null)
    {
        RunDue();
        return _store.Registers(groupCode);
    }

    /// <summary>
    /// Takes a register offline or brings it back. An offline register takes no documents (the others of its group
    /// take its share; with all offline, documents wait and fail after <see cref="EmulatorOptions.QueueTimeout"/>);
    /// a document it is processing is finished. Its monitoring record keeps the time it went offline and reports
    /// network error 1.
    /// </summary>
    /// <exception cref="ArgumentException">No register has this serial number.</exception>
    public EmulatedRegister SetRegisterOnline(string serialNumber, bool online) =>
        ChangeRegister(serialNumber, new RegisterFaultChange { Online = online });

    /// <summary>Makes the register's fiscal drive expire <paramref name="days"/> days from the emulator clock's now (negative: expired).</summary>
    /// <exception cref="ArgumentException">No register has this serial number, or days is not a finite number within ±36,500.</exception>
    public EmulatedRegister SetFiscalStorageDaysLeft(string serialNumber, double days) =>
        ChangeRegister(serialNumber, new RegisterFaultChange { FiscalStorageDaysLeft = days });

    /// <summary>Sets how full the register's fiscal drive is, in percent (0-100), as the monitoring API reports it.</summary>
    /// <exception cref="ArgumentException">No register has this serial number, or the percentage is outside 0-100.</exception>
    public EmulatedRegister SetFiscalStorageUse(string serialNumber, decimal percent) =>
        ChangeRegister(serialNumber, new RegisterFaultChange { FiscalStoragePercentageUse = percent });

    /// <summary>
    /// Makes <paramref name="count"/> documents of the register wait to be sent to the OFD, the oldest made at
    /// <paramref name="oldest"/> (now when null); 0 clears them.
    /// </summary>
    /// <exception cref="ArgumentException">No register has this serial number, or the count is negative.</exception>
    public EmulatedRegister SetUnsentDocuments(string serialNumber, long count, DateTimeOffset? oldest = null) =>
        ChangeRegister(serialNumber, new RegisterFaultChange { UnsentDocuments = count, OldestUnsentDocumentAt = count > 0 ? oldest : null });

    /// <summary>Clears the monitoring faults of one register (or of all): online, its own fiscal drive figures, nothing unsent.</summary>
    /// <exception cref="ArgumentException">No register has this serial number.</exception>
    public void ClearRegisterFaults(string? serialNumber = null)
    {
        RunDue();
        if (serialNumber is null)
        {
            _store.ClearRegisterFaults();
            return;
        }

        _ = _store.ChangeRegister(serialNumber, (r, now) => r.ClearFaults(now))
            ?? throw new ArgumentException($"No register has the serial number \"{serialNumber}\".", nameof(serialNumber));
    }

    /// <summary>Forgets every recorded request (documents, tokens and the clock are kept), e.g. between two runs of a test.</summary>
    public void ClearRequests() => _store.Requests.Clear();

    /// <summary>Expires every token (of one login, when given): the next call with them gets error 11.</summary>
    /// <returns>How many tokens were expired.</returns>
    public int ExpireTokens(string? login = null) => _store.ExpireTokens(login: login);

    /// <summary>Finishes every document whose processing is due by the emulator clock and waits for their callbacks.</summary>
    public async Task ProcessDueAsync()
    {
        RunDue();
        await Task.WhenAll(_callbacks.Keys.ToArray()).ConfigureAwait(false);
    }

    /// <summary>Stops the server; pending callbacks are cancelled, hanging requests released.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await _worker.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // stopping
        }

        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            await _app.StopAsync(timeout.Token).ConfigureAwait(false);
        }

        try
        {
            await Task.WhenAll(_callbacks.Keys.ToArray()).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // cancelled callbacks
        }

        await _app.DisposeAsync().ConfigureAwait(false);
        _callbackClient.Dispose();
        _stopping.Dispose();
    }

    private EmulatedRegister ChangeRegister(string serialNumber, RegisterFaultChange change)
    {
        ArgumentNullException.ThrowIfNull(serialNumber);
        if (change.Problem() is { } problem)
        {
            throw new ArgumentException(problem, nameof(change));
        }

        // Finish what happened up to now under the old state first (e.g. the register took documents while online).
        RunDue();
        return _store.ChangeRegister(serialNumber, change.Apply)
            ?? throw new ArgumentException($"No register has the serial number \"{serialNumber}\".", nameof(serialNumber));
    }

    private async Task WorkAsync()
    {
        using var timer = new PeriodicTimer(_options.PollInterval);
        while (await timer.WaitForNextTickAsync(_stopping.Token).ConfigureAwait(false))
        {
            RunDue();
        }
    }

    private void RunDue()
    {
        if (Volatile.Read(ref _disposed) != 0)
        {
            return;
        }

        foreach (var document in _store.ProcessDue())
        {
            if (document.Facts.CallbackUrl is { } url && document.CallbackUrlValid)
            {
                var task = SendCallbackAsync(document, url);
                _callbacks.TryAdd(task, 0);
                _ = task.ContinueWith(t => _callbacks.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
        }
    }

    // V4DOC p.41, V5DOC p.96 (ids: schemas/DECISIONS.md#sources): after done/fail the report body is POSTed to callback_url. No retries (none documented).
    private async Task SendCallbackAsync(StoredDocument document, string url)
    {
        await Task.Yield();
        var at = _store.Clock.GetUtcNow();
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            _store.RecordCallback(document, new CallbackAttempt(at, null, "not an absolute URL"));
            return;
        }

        if (!_options.AllowExternalCallbacks && !uri.IsLoopback)
        {
            _store.RecordCallback(document, new CallbackAttempt(at, null, "not sent: only loopback callbacks are allowed"));
            return;
        }

        try
        {
            using var content = new ByteArrayContent(_store.ReportOf(document));
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            using var response = await _callbackClient.PostAsync(uri, content, _stopping.Token).ConfigureAwait(false);
            _store.RecordCallback(document, new CallbackAttempt(at, (int)response.StatusCode, null));
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or IOException)
        {
            _store.RecordCallback(document, new CallbackAttempt(at, null, ex.GetType().Name + ": " + ex.Message));
        }
    }
}
