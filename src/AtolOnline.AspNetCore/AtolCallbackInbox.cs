using System.Globalization;
using System.Threading.Channels;
using AtolOnline.Internal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using AtolOnline.Json;
using AtolOnline.Protocol;

namespace AtolOnline;

/// <summary>
/// The state behind <see cref="AtolCallbackEndpointExtensions.MapAtolCallbacks"/>: accepted callbacks waiting for the
/// application, uuids already delivered (a repeated callback is delivered once) and callbacks kept for documents the
/// application does not know yet. Registered as a singleton (and hosted service) by
/// <see cref="AtolCallbackServiceCollectionExtensions.AddAtolCallbacks"/>; take it from DI to call
/// <see cref="DocumentRegistered"/>. Thread-safe; memory is bounded by <see cref="AtolCallbackOptions"/>.
/// </summary>
public sealed class AtolCallbackInbox : IHostedService, IDisposable
{
    private readonly Lock _sync = new();
    private readonly AtolCallbackOptions _options;
    private readonly IServiceProvider _services;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Channel<CallbackWork> _queue;

    // uuid -> true once applied, false while on its way to the application.
    private readonly BoundedOrderedMap<bool> _documents;

    // uuid -> the trusted callback kept until the application knows the document.
    private readonly BoundedOrderedMap<CallbackWork> _parked;

    // uuid -> when its registration was sent (named by the application through DocumentRegistered).
    private readonly BoundedOrderedMap<DateTimeOffset> _registered;
    private readonly CancellationTokenSource _stopping = new();
    private AtolCallbackHandler? _handler;
    private Task? _loop;
    private int _disposed;

    internal AtolCallbackInbox(IServiceProvider services, IOptions<AtolCallbackOptions> options)
    {
        _services = services;
        _options = options.Value;
        _options.Validate();
        _time = services.GetService<TimeProvider>() ?? TimeProvider.System;
        _logger = services.GetService<ILoggerFactory>()?.CreateLogger("AtolOnline.Callbacks") ?? NullLogger.Instance;
        _queue = Channel.CreateBounded<CallbackWork>(new BoundedChannelOptions(_options.QueueCapacity) { SingleReader = true });
        _documents = new BoundedOrderedMap<bool>(_options.MaxRememberedDocuments);
        _parked = new BoundedOrderedMap<CallbackWork>(_options.MaxParkedCallbacks);
        _registered = new BoundedOrderedMap<DateTimeOffset>(_options.MaxRememberedDocuments);
    }

    /// <summary>The number of callbacks kept for documents the application does not know yet.</summary>
    public int ParkedCount
    {
        get
        {
            lock (_sync)
            {
                return _parked.Count;
            }
        }
    }

    /// <summary>
    /// Tells the inbox that the application has stored the registration answer of <paramref name="uuid"/>: a callback kept
    /// for it (it came first) is handed to the handler again, and its registration-to-final latency can be measured. Call it
    /// after every registration whose result may come by callback; calling it for a uuid without a kept callback is cheap.
    /// </summary>
    /// <param name="uuid">The uuid ATOL answered.</param>
    /// <param name="sentAt">When the registration was sent (for the <c>atol.document.duration</c> histogram).</param>
    public void DocumentRegistered(string uuid, DateTimeOffset sentAt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(uuid);
        lock (_sync)
        {
            _registered.Set(uuid, sentAt);
            if (_parked.Remove(uuid, out var kept))
            {
                CallbackMetrics.Parked.Add(-1);
                _documents.Set(uuid, false);
                if (!_queue.Writer.TryWrite(kept with { RedeliveredAfterRegistration = true }))
                {
                    // The queue is full: keep it parked rather than lose it; the next DocumentRegistered (or polling) takes it.
                    _documents.Remove(uuid, out _);
                    ParkLocked(kept);
                }
            }
        }
    }

    /// <inheritdoc/>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _loop ??= Task.Run(() => RunAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        if (Volatile.Read(ref _disposed) == 0)
        {
            await _stopping.CancelAsync().ConfigureAwait(false);
        }

        if (_loop is { } loop)
        {
            await loop.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        // Disposed twice when registered both as itself and as a hosted service.
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _queue.Writer.TryComplete();
        _stopping.Cancel();
        _stopping.Dispose();
    }

    internal AtolCallbackOptions Options => _options;

    internal DateTimeOffset Now => _time.GetUtcNow();

    internal ILogger Logger => _logger;

    internal void Attach(AtolCallbackHandler handler)
    {
        lock (_sync)
        {
            if (_handler is not null)
            {
                throw new InvalidOperationException("MapAtolCallbacks was already called: one callback endpoint per AddAtolCallbacks.");
            }

            _handler = handler;
        }
    }

    /// <summary>True when the uuid was already delivered, or is kept or on its way: a repeated callback.</summary>
    internal bool IsKnown(string uuid)
    {
        lock (_sync)
        {
            return _documents.ContainsKey(uuid) || _parked.ContainsKey(uuid);
        }
    }

    /// <summary>Queues a callback whose report is trusted. False (nothing changed) when it is a repeat or the queue is full.</summary>
    internal EnqueueResult EnqueueTrusted(CallbackWork work)
    {
        lock (_sync)
        {
            if (_documents.ContainsKey(work.Uuid) || _parked.ContainsKey(work.Uuid))
            {
                return EnqueueResult.Duplicate;
            }

            if (!_queue.Writer.TryWrite(work))
            {
                return EnqueueResult.Full;
            }

            _documents.Set(work.Uuid, false);
            return EnqueueResult.Queued;
        }
    }

    /// <summary>Queues a callback to be confirmed by a report request first (no proof configured).</summary>
    internal EnqueueResult EnqueueUnverified(CallbackWork work)
    {
        if (IsKnown(work.Uuid))
        {
            return EnqueueResult.Duplicate;
        }

        return _queue.Writer.TryWrite(work) ? EnqueueResult.Queued : EnqueueResult.Full;
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        try
        {
            await foreach (var queued in _queue.Reader.ReadAllAsync(stopping).ConfigureAwait(false))
            {
                var work = queued;
                var trusted = work.Trusted;
                if (trusted is null)
                {
                    trusted = await ConfirmAsync(work, stopping).ConfigureAwait(false);
                    if (trusted is null)
                    {
                        continue;
                    }

                    lock (_sync)
                    {
                        if (_documents.ContainsKey(work.Uuid) || _parked.ContainsKey(work.Uuid))
                        {
                            CallbackMetrics.Duplicates.Add(1);
                            CallbackLog.Duplicate(_logger, work.Uuid);
                            continue;
                        }

                        _documents.Set(work.Uuid, false);
                    }

                    work = work with { Body = null, Trusted = trusted };
                }

                await DeliverAsync(work, trusted, stopping).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopping: what is still queued was answered already; ATOL's documents whose result did not arrive are polled.
        }
    }

    /// <summary>Fetches the report of the uuid with the client's own token; the confirmed report, or null (logged, counted).</summary>
    private async Task<AtolReport?> ConfirmAsync(CallbackWork work, CancellationToken stopping)
    {
        using var timeout = new CancellationTokenSource(_options.VerificationTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stopping, timeout.Token);
        AtolCallbackVerification verification;
        try
        {
            var client = _services.GetRequiredService<IAtolCallbackClient>();
            verification = await client.VerifyCallbackAsync(work.Body, linked.Token).ConfigureAwait(false);
        }
        catch (AtolApiException ex) when (ex.Code == 30)
        {
            // ATOL does not know the uuid: nobody registered such a document with our account.
            CallbackMetrics.Reject("unknown_uuid");
            CallbackLog.Refused(_logger, "ATOL does not know the uuid", work.Uuid, null);
            return null;
        }
        catch (Exception ex) when (ex is AtolApiException or AtolJsonException or HttpRequestException or TimeoutException
                                       || (ex is OperationCanceledException && !stopping.IsCancellationRequested))
        {
            CallbackMetrics.Reject("unverifiable");
            CallbackLog.Unverifiable(_logger, work.Uuid, ex.GetType().Name);
            return null;
        }

        if (!verification.IsConsistent)
        {
            CallbackMetrics.Reject("inconsistent");
            CallbackLog.Inconsistent(_logger, work.Uuid, string.Join(", ", verification.Differences));
            return null;
        }

        if (!verification.Confirmed.IsFinal)
        {
            CallbackMetrics.Reject("not_final");
            CallbackLog.Refused(_logger, "the document is not final", work.Uuid, verification.Claimed.ExternalId);
            return null;
        }

        return verification.Confirmed;
    }

    private async Task DeliverAsync(CallbackWork work, AtolReport report, CancellationToken stopping)
    {
        AtolCallbackDisposition disposition;
        try
        {
            var handler = _handler ?? throw new InvalidOperationException("No callback handler: call MapAtolCallbacks.");
            disposition = await handler(report, stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // The application's failure must not stop the delivery of other callbacks; it is logged.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            CallbackLog.HandlerFailed(_logger, ex, work.Uuid);
            lock (_sync)
            {
                _documents.Remove(work.Uuid, out _);
            }

            return;
        }

        lock (_sync)
        {
            if (disposition == AtolCallbackDisposition.Applied)
            {
                _documents.Set(work.Uuid, true);
                if (_registered.Remove(work.Uuid, out var sentAt))
                {
                    var latency = work.ReceivedAt - sentAt;
                    CallbackMetrics.DocumentDuration.Record(latency > TimeSpan.Zero ? latency.TotalSeconds : 0);
                }

                RecordDelivered(report);
                return;
            }

            _documents.Remove(work.Uuid, out _);
            if (!work.RedeliveredAfterRegistration && _registered.ContainsKey(work.Uuid)
                && _queue.Writer.TryWrite(work with { RedeliveredAfterRegistration = true }))
            {
                // The application named the uuid while the handler was still looking for it: hand it over once more.
                _documents.Set(work.Uuid, false);
                return;
            }

            ParkLocked(work);
        }
    }

    private void ParkLocked(CallbackWork work)
    {
        CallbackLog.Parked(_logger, work.Uuid);
        CallbackMetrics.Parked.Add(1);
        if (_parked.Set(work.Uuid, work) is { } dropped)
        {
            CallbackMetrics.Parked.Add(-1);
            CallbackMetrics.Reject("parked_dropped");
            CallbackLog.ParkedDropped(_logger, dropped.Key);
        }
    }

    private static void RecordDelivered(AtolReport report)
    {
        if (report.Error is { } error && report.Status == AtolDocumentStatus.Fail)
        {
            CallbackMetrics.Delivered.Add(
                1,
                new KeyValuePair<string, object?>("atol.document.status", "fail"),
                new KeyValuePair<string, object?>("atol.error.type", AtolProtocolMapping.ToWireName(error.Type) ?? "unknown"),
                new KeyValuePair<string, object?>("atol.error.code", error.Code.ToString(CultureInfo.InvariantCulture)));
        }
        else
        {
            CallbackMetrics.Delivered.Add(1, new KeyValuePair<string, object?>("atol.document.status", report.Status == AtolDocumentStatus.Done ? "done" : "fail"));
        }
    }
}
