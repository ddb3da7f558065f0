using System.Globalization;
using System.Text;
using AtolOnline.Monitoring;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using AtolOnline.Json;

namespace AtolOnline.Internal;

/// <summary>Judges every cash register of the monitoring API against <see cref="AtolHealthCheckOptions"/>.</summary>
internal sealed class AtolRegistersHealthCheck(IAtolMonitoringClient monitoring, AtolHealthCheckOptions options, TimeProvider time, HealthCheckCache cache)
    : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        if (cache.TryGet(now, options.CacheDuration, out var cached))
        {
            return cached;
        }

        var registers = new List<CashRegister>();
        try
        {
            await foreach (var register in monitoring.EnumerateCashRegistersAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                if (options.GroupCode is null || string.Equals(register.GroupCode, options.GroupCode, StringComparison.Ordinal))
                {
                    registers.Add(register);
                }
            }
        }
        catch (AtolApiException ex) when (ex.Action == AtolErrorAction.CheckCredentials)
        {
            // The monitoring API uses the registration login: refused credentials stop fiscalization too. Not cached.
            return new HealthCheckResult(
                HealthStatus.Unhealthy, $"ATOL refuses the account's credentials ({ex.Message}): check the login and password.", ex);
        }
        catch (Exception ex) when (ex is AtolApiException or HttpRequestException or TimeoutException or AtolJsonException
                                       || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // Not knowing the registers' state is not knowing that fiscalization fails. Not cached: the next probe asks again.
            return new HealthCheckResult(
                HealthStatus.Degraded, $"ATOL's monitoring API did not answer ({ex.GetType().Name}): the registers' state is unknown.", ex);
        }

        var result = Judge(registers, now);
        cache.Set(now, result);
        return result;
    }

    internal HealthCheckResult Judge(IReadOnlyList<CashRegister> registers, DateTimeOffset now)
    {
        string scope = options.GroupCode is null ? "the account" : "group " + options.GroupCode;
        if (registers.Count == 0)
        {
            return HealthCheckResult.Unhealthy($"ATOL's monitoring lists no cash register for {scope}: documents cannot be fiscalized.");
        }

        var problems = new List<(HealthStatus Status, string Text)>();
        var data = new Dictionary<string, object>(StringComparer.Ordinal);
        int offline = 0;
        long unsentTotal = 0;
        double? fewestDaysLeft = null;
        decimal mostUsed = 0m;
        foreach (var register in registers)
        {
            string id = register.SerialNumber ?? register.RegistrationNumber ?? register.DeviceNumber ?? "(no serial number)";
            var before = problems.Count;
            if (register.NetworkErrorCode is int code && code != 0)
            {
                offline++;
                problems.Add((HealthStatus.Degraded, $"register {id} is offline: {NetworkError(code)} (network error {code.ToString(CultureInfo.InvariantCulture)})"));
            }

            if (register.FiscalStorageExpiration is { } expires)
            {
                double daysLeft = Math.Floor((expires - now).TotalDays);
                fewestDaysLeft = fewestDaysLeft is { } d ? Math.Min(d, daysLeft) : daysLeft;
                string when = $"fiscal drive {register.FiscalStorageSerialNumber} of register {id} expires on {expires.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";
                if (daysLeft <= options.FiscalDriveDaysLeftUnhealthy)
                {
                    problems.Add((HealthStatus.Unhealthy, daysLeft < 0
                        ? $"{when} (expired): the register cannot fiscalize until the drive is replaced"
                        : $"{when} ({Days(daysLeft)} left): replace it now, an expired drive stops fiscalization"));
                }
                else if (daysLeft <= options.FiscalDriveDaysLeftDegraded)
                {
                    problems.Add((HealthStatus.Degraded, $"{when} ({Days(daysLeft)} left): plan its replacement"));
                }
            }

            if (register.FiscalStoragePercentageUse is { } used)
            {
                mostUsed = Math.Max(mostUsed, used);
                string full = $"fiscal drive {register.FiscalStorageSerialNumber} of register {id} is {used.ToString("0.##", CultureInfo.InvariantCulture)} % full";
                if (used >= options.FiscalDriveUsedPercentUnhealthy)
                {
                    problems.Add((HealthStatus.Unhealthy, $"{full}: replace it now, a full drive stops fiscalization"));
                }
                else if (used >= options.FiscalDriveUsedPercentDegraded)
                {
                    problems.Add((HealthStatus.Degraded, $"{full}: plan its replacement"));
                }
            }

            long unsent = register.UnsentDocs ?? 0;
            unsentTotal += unsent;
            var oldest = register.FirstUnsentDocTimestamp ?? register.FirstUnsetDocTimestamp;
            if (unsent > 0 || oldest is not null)
            {
                var age = oldest is { } o ? now - o : TimeSpan.Zero;
                string since = oldest is { } first
                    ? $", the oldest since {first.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC ({Age(age)})"
                    : string.Empty;
                string waiting = $"register {id} has {unsent.ToString(CultureInfo.InvariantCulture)} document(s) not sent to the OFD{since}";
                if (unsent >= options.UnsentDocumentsUnhealthy || age >= options.OldestUnsentUnhealthy)
                {
                    problems.Add((HealthStatus.Unhealthy, $"{waiting}: check its link to the OFD now, the fiscal drive blocks after 30 days without the OFD's receipt"));
                }
                else if (unsent >= options.UnsentDocumentsDegraded || age >= options.OldestUnsentDegraded)
                {
                    problems.Add((HealthStatus.Degraded, $"{waiting}: check its link to the OFD"));
                }
            }

            data[id] = problems.Count == before ? "ok" : string.Join("; ", problems.Skip(before).Select(static p => p.Text));
        }

        if (offline == registers.Count)
        {
            problems.Insert(0, (HealthStatus.Unhealthy, $"all {registers.Count.ToString(CultureInfo.InvariantCulture)} register(s) of {scope} are offline: no document can be fiscalized"));
        }

        data["registers"] = registers.Count;
        data["registers_offline"] = offline;
        data["unsent_documents"] = unsentTotal;
        if (fewestDaysLeft is { } fewest)
        {
            data["fiscal_drive_fewest_days_left"] = fewest;
        }

        data["fiscal_drive_most_used_percent"] = mostUsed;
        if (problems.Count == 0)
        {
            var healthy = new StringBuilder();
            healthy.Append(CultureInfo.InvariantCulture, $"{registers.Count} register(s) of {scope} online");
            if (fewestDaysLeft is { } days)
            {
                healthy.Append(CultureInfo.InvariantCulture, $"; fiscal drives: at least {Days(days)} left");
            }

            healthy.Append(CultureInfo.InvariantCulture, $", at most {mostUsed.ToString("0.##", CultureInfo.InvariantCulture)} % used; {unsentTotal} document(s) waiting for the OFD");
            return new HealthCheckResult(HealthStatus.Healthy, healthy.ToString(), data: data);
        }

        var worst = problems.Min(static p => p.Status);
        var ordered = problems.OrderBy(static p => p.Status).Select(static p => p.Text);
        return new HealthCheckResult(worst, $"{problems.Count} problem(s): {string.Join("; ", ordered)}.", data: data);
    }

    private static string Days(double days) => days == 1 ? "1 day" : days.ToString("0", CultureInfo.InvariantCulture) + " days";

    private static string Age(TimeSpan age) => age.TotalDays >= 1
        ? Days(Math.Floor(age.TotalDays))
        : age.TotalHours >= 1 ? Math.Floor(age.TotalHours).ToString("0", CultureInfo.InvariantCulture) + " h" : Math.Floor(age.TotalMinutes).ToString("0", CultureInfo.InvariantCulture) + " min";

    // networkErrorCode: the register's link to the OFD. The monitoring API has no other online flag, so a non-zero code is
    // read as "offline" (the safe reading: its documents do not reach the OFD).
    private static string NetworkError(int code) => code switch
    {
        1 => "no physical communication channel",
        2 => "network settings error or no connection to the OFD server",
        3 => "connection dropped while sending a document to the OFD",
        4 => "malformed session packet header",
        5 => "timed out waiting for the OFD's receipt",
        6 => "connection dropped while receiving the OFD's receipt",
        7 => "timed out sending a document to the OFD",
        8 => "OFD process not initialised",
        _ => "unknown network error",
    };
}
