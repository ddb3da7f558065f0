using System.Globalization;

namespace AtolOnline.Internal;

/// <summary>
/// Polls a report until it is final: the first delay, then doubling delays up to the policy's maximum, bounded by its
/// deadline on the client's clock. A timeout leaves the document registered.
/// </summary>
internal sealed class ReportPoller(AtolPollingPolicy policy, TimeProvider time)
{
    public async Task<AtolReport> WaitAsync(IAtolRegistrationClient client, string uuid, CancellationToken cancellationToken)
    {
        long start = time.GetTimestamp();
        TimeSpan delay = policy.FirstDelay;
        TimeSpan next = policy.NextDelay;
        while (true)
        {
            TimeSpan remaining = policy.Deadline - time.GetElapsedTime(start);
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(remaining < delay ? (remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero) : delay, time, cancellationToken).ConfigureAwait(false);
            }

            var report = await client.GetReportAsync(uuid, cancellationToken).ConfigureAwait(false);
            if (report.IsFinal)
            {
                return report;
            }

            if (time.GetElapsedTime(start) >= policy.Deadline)
            {
                throw new TimeoutException(
                    $"ATOL Online report {uuid} still not final after {policy.Deadline.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s; the document stays registered: poll again later.");
            }

            delay = next;
            next = next * 2 > policy.MaxDelay ? policy.MaxDelay : next * 2;
            if (delay > policy.MaxDelay)
            {
                delay = policy.MaxDelay;
            }
        }
    }
}
