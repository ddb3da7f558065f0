using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;

namespace AtolOnline.Internal.Pipeline;

/// <summary>
/// Repeats an attempt that failed transiently (no answer, attempt timeout, 5xx, 429, an unreadable answer) with backoff or
/// the server's Retry-After, up to <see cref="AtolRetryPolicy.MaxAttempts"/>, then gives up with an exception that says what
/// the failure means for the document. Every attempt sends the same content.
/// </summary>
internal sealed class RetryStage(IAtolPipelineStage next, AtolRetryPolicy policy, TimeSpan attemptTimeout, TimeProvider time, ILogger logger) : IAtolPipelineStage
{
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<RawResponse> SendAsync(AtolHttpRequest request, CancellationToken cancellationToken)
    {
        for (int attempt = request.Attempt; ; attempt++)
        {
            string reason = string.Empty; // set on every path that uses it; initialized so that Stryker's mutants compile
            TimeSpan? retryAfter = null;
            Exception? failure = null;
            try
            {
                var raw = await next.SendAsync(request with { Attempt = attempt }, cancellationToken).ConfigureAwait(false);
                int status = raw.Status;
                if (status >= 500 || status == 429)
                {
                    if (attempt >= policy.MaxAttempts)
                    {
                        var lastError = ErrorScan.Read(raw.Span, strings: true).ToError();
                        raw.Dispose();
                        throw GaveUp(request, attempt, status, lastError, null, null);
                    }

                    retryAfter = raw.RetryAfter;
                    raw.Dispose();
                    reason = "HTTP " + status.ToString(CultureInfo.InvariantCulture);
                }
                else
                {
                    var scan = ErrorScan.Read(raw.Span);
                    if (scan.WellFormed || attempt >= policy.MaxAttempts)
                    {
                        // An unreadable last answer goes on too: the answer's reader reports it as AtolApiException.
                        return raw with { Scan = scan };
                    }

                    raw.Dispose();
                    reason = "unreadable answer";
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (OperationCanceledException ex)
            {
                failure = ex;
                reason = "timeout";
            }
            catch (HttpRequestException ex)
            {
                failure = ex;
                reason = "connection failure";
            }
            catch (IOException ex)
            {
                failure = ex;
                reason = "connection failure";
            }

            if (failure is not null && attempt >= policy.MaxAttempts)
            {
                throw GaveUp(request, attempt, null, null, reason, failure);
            }

            var delay = RetryDelay(attempt, retryAfter);
            AtolDiagnostics.Retries.Add(1, new KeyValuePair<string, object?>("atol.operation", request.Operation));
            Log.Retrying(logger, request.Operation, attempt, reason, (long)delay.TotalMilliseconds);
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// The delay before the next attempt: the server's <c>Retry-After</c> when it sent one (seconds or an HTTP date, read on
    /// the client's clock), capped at <see cref="AtolRetryPolicy.MaxDelay"/>; otherwise the policy's doubling delay.
    /// </summary>
    private TimeSpan RetryDelay(int failedAttempt, TimeSpan? retryAfter)
    {
        if (retryAfter is null)
        {
            return policy.DelayFor(failedAttempt);
        }

        var after = retryAfter.Value; // not a pattern designation, so that Stryker's mutants of the test compile
        return after < TimeSpan.Zero ? TimeSpan.Zero : after > policy.MaxDelay ? policy.MaxDelay : after;
    }

    /// <summary>
    /// The exception after the last attempt failed transiently: what happened, how often, and what it means for the
    /// document. A registration whose answer never arrived may or may not be stored by ATOL; sending it again with the same
    /// external_id is safe because ATOL answers a repeated external_id with the uuid of the first registration (error 33).
    /// </summary>
    private AtolApiException GaveUp(in AtolHttpRequest request, int attempts, int? status, AtolError? error, string? failure, Exception? inner)
    {
        string operation = request.Operation;
        string tries = attempts.ToString(CultureInfo.InvariantCulture) + (attempts == 1 ? " attempt" : " attempts");
        string what = status switch
        {
            429 => $"the service kept refusing the request rate (HTTP 429, {tries})",
            int s => $"the service was unavailable (HTTP {s.ToString(CultureInfo.InvariantCulture)}, {tries})",
            null when failure == "timeout" && attemptTimeout != Timeout.InfiniteTimeSpan =>
                $"the service did not answer within the attempt timeout ({attemptTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s, {tries})",
            null when failure == "timeout" => $"the service did not answer in time ({tries})",
            null => $"the service could not be reached ({failure}: {inner?.Message}; {tries})",
        };
        if (error is not null)
        {
            what += $"; its last error was {error.Type}/{error.Code.ToString(CultureInfo.InvariantCulture)}{(error.Info?.Name is { } name ? " " + name : "")}: {error.Text}";
        }

        string meaning = request.Kind switch
        {
            AtolRequestKind.Registration => "The document may or may not be registered. Sending the same document again is safe: with the same external_id ATOL answers a repeat with the uuid of the first registration (error 33), it does not register it twice.",
            AtolRequestKind.Report => "Ask for the report again later; the document stays registered.",
            AtolRequestKind.Token => "No token was obtained, so nothing was sent with it; try again later.",
            _ => "Try again later.",
        };
        return new AtolApiException($"ATOL Online {operation}: {what}. {meaning}", AtolErrorAction.Retry, status, error, operation, inner);
    }
}
