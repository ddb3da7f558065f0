using AtolOnline.Protocol;

namespace AtolOnline.Client.Tests;

/// <summary>
/// Every option's limit, at the limit (accepted) and one step past it (refused by name, before a client exists), and the
/// timing policies' edges: jittered backoff stays in its band and under MaxDelay, polling clips to the deadline.
/// </summary>
public sealed class OptionsBoundaryTests
{
    private static readonly TimeSpan Tick = TimeSpan.FromTicks(1);

    public static TheoryData<string, bool> Limits() => new()
    {
        { "Retry.MaxAttempts=1", true }, { "Retry.MaxAttempts=0", false },
        { "Retry.BaseDelay=0", true }, { "Retry.BaseDelay=-1", false },
        { "Retry.MaxDelay=0", true }, { "Retry.MaxDelay=-1", false },
        { "Retry.Jitter=0", true }, { "Retry.Jitter=1", true }, { "Retry.Jitter=-0.01", false }, { "Retry.Jitter=1.01", false },
        { "Retry=null", false },
        { "Polling.FirstDelay=0", true }, { "Polling.FirstDelay=-1", false },
        { "Polling.NextDelay=0", true }, { "Polling.NextDelay=-1", false },
        { "Polling.MaxDelay=0", true }, { "Polling.MaxDelay=-1", false },
        { "Polling.Deadline=1", true }, { "Polling.Deadline=0", false },
        { "Polling=null", false },
        { "MaxResponseBytes=1024", true }, { "MaxResponseBytes=1023", false },
        { "AttemptTimeout=1", true }, { "AttemptTimeout=infinite", true }, { "AttemptTimeout=0", false }, { "AttemptTimeout=-2ms", false },
        { "Login= ", false }, { "Password=", false }, { "GroupCode= ", false },
        { "ProtocolVersion=7", false },
        { "BaseAddress=relative", false }, { "BaseAddress=ftp", false }, { "BaseAddress=http-remote", false }, { "BaseAddress=http-loopback", true },
    };

    [Theory]
    [MemberData(nameof(Limits))]
    public void Each_limit_is_accepted_at_its_edge_and_refused_past_it_by_name(string setting, bool accepted)
    {
        var options = AtolClientOptions.ForTestEnvironment();
        string name = Apply(options, setting);

        if (accepted)
        {
            options.Validate();
            _ = new AtolClient(new HttpClient(), options);
        }
        else
        {
            var ex = Assert.ThrowsAny<ArgumentException>(options.Validate);
            Assert.Equal(name, ex.ParamName);
            Assert.ThrowsAny<ArgumentException>(() => new AtolClient(new HttpClient(), options));
        }
    }

    [Fact]
    public void A_missing_time_provider_is_refused()
    {
        var options = AtolClientOptions.ForTestEnvironment();
        options.TimeProvider = null!;
        Assert.Equal("TimeProvider", Assert.Throws<ArgumentNullException>(options.Validate).ParamName);
    }

    [Theory]
    [InlineData(AtolProtocolVersion.V4, "v4-online-atol-ru_4179")]
    [InlineData(AtolProtocolVersion.V5, "v5-online-atol-ru_5179")]
    public void Test_credentials_follow_the_protocol_version_and_the_password_is_never_printed(AtolProtocolVersion version, string group)
    {
        var options = new AtolClientOptions { ProtocolVersion = version };
        options.UseTestCredentials();
        var account = AtolTestAccount.For(version);
        Assert.Equal((account.Login, account.Password, group), (options.Login, options.Password, options.GroupCode));
        Assert.Equal(AtolClientOptions.ProductionAddress, options.BaseAddress);
        Assert.Equal(
            $"AtolClientOptions {{ BaseAddress = https://online.atol.ru/, Login = {account.Login}, Password = ***, GroupCode = {group}, ProtocolVersion = {version} }}",
            options.ToString());
    }

    [Fact]
    public void The_defaults_are_the_documented_ones()
    {
        var options = new AtolClientOptions();
        Assert.Equal(TimeSpan.FromSeconds(30), options.AttemptTimeout);
        Assert.Equal(256 * 1024, options.MaxResponseBytes);
        Assert.Equal(AtolProtocolVersion.V5, options.ProtocolVersion);
        Assert.Same(TimeProvider.System, options.TimeProvider);
        Assert.Null(options.Source);
        Assert.Equal((4, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), 0.2), (options.Retry.MaxAttempts, options.Retry.BaseDelay, options.Retry.MaxDelay, options.Retry.Jitter));
        Assert.Equal(
            (TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(60), TimeSpan.FromMinutes(6)),
            (options.Polling.FirstDelay, options.Polling.NextDelay, options.Polling.MaxDelay, options.Polling.Deadline));
    }

    [Fact]
    public async Task Jittered_backoff_stays_within_its_band_around_the_doubling_delay_and_under_MaxDelay()
    {
        var waits = new List<TimeSpan>();
        for (int run = 0; run < 40; run++)
        {
            var clock = new FakeClock();
            var atol = new ScriptedAtol(clock);
            atol.Register = (n, _) => n < 4 ? ScriptedAtol.Html(503) : ScriptedAtol.Registered("u-jitter");
            await atol.Client(o => o.Retry = new AtolRetryPolicy { MaxAttempts = 4, BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(3), Jitter = 0.25 })
                .SellAsync(Fixtures.V5Sell("jitter-" + run), cancellationToken: Fixtures.Ct);
            var times = atol.TimesOf("register");
            TimeSpan first = times[1] - times[0], second = times[2] - times[1], third = times[3] - times[2];
            Assert.InRange(first.TotalSeconds, 0.75, 1.25);
            Assert.InRange(second.TotalSeconds, 1.5, 2.5);
            Assert.InRange(third.TotalSeconds, 2.25, 3); // 4 s doubled, capped at 3 s, jittered, never above MaxDelay
            waits.AddRange([first, second, third]);
        }

        Assert.True(waits.Take(40).Distinct().Count() > 1, "the delays are jittered, not fixed");
    }

    [Fact]
    public async Task Backoff_stops_doubling_at_MaxDelay_over_many_attempts()
    {
        var clock = new FakeClock();
        var atol = new ScriptedAtol(clock);
        atol.Register = (n, _) => n < 40 ? ScriptedAtol.Html(503) : ScriptedAtol.Registered("u-many");
        var r = await atol.Client(o => o.Retry = new AtolRetryPolicy { MaxAttempts = 40, BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromSeconds(10), Jitter = 0 })
            .SellAsync(Fixtures.V5Sell("many-attempts"), cancellationToken: Fixtures.Ct);
        Assert.Equal(40, r.Attempts);
        var times = atol.TimesOf("register");
        var gaps = times.Zip(times.Skip(1), (a, b) => b - a).ToList();
        Assert.Equal(TimeSpan.FromMilliseconds(1), gaps[0]);
        Assert.Equal(TimeSpan.FromMilliseconds(512), gaps[9]);
        Assert.All(gaps.Skip(14), g => Assert.Equal(TimeSpan.FromSeconds(10), g));
    }

    [Fact]
    public async Task A_first_delay_longer_than_the_deadline_polls_once_at_the_deadline()
    {
        var clock = new FakeClock();
        var atol = new ScriptedAtol(clock);
        var client = atol.Client(o => o.Polling = new AtolPollingPolicy { FirstDelay = TimeSpan.FromSeconds(10), Deadline = TimeSpan.FromSeconds(4) });
        var ex = await Assert.ThrowsAsync<TimeoutException>(() => client.WaitForReportAsync("u-short", Fixtures.Ct));
        Assert.Equal([TimeSpan.FromSeconds(4)], atol.TimesOf("report"));
        Assert.Equal("ATOL Online report u-short still not final after 4 s; the document stays registered: poll again later.", ex.Message);
    }

    [Fact]
    public async Task A_zero_first_delay_polls_at_once_and_NextDelay_above_MaxDelay_is_held_at_MaxDelay()
    {
        var clock = new FakeClock();
        var atol = new ScriptedAtol(clock);
        var client = atol.Client(o => o.Polling = new AtolPollingPolicy
        {
            FirstDelay = TimeSpan.Zero, NextDelay = TimeSpan.FromSeconds(5), MaxDelay = TimeSpan.FromSeconds(2), Deadline = TimeSpan.FromSeconds(7),
        });
        await Assert.ThrowsAsync<TimeoutException>(() => client.WaitForReportAsync("u-clip", Fixtures.Ct));
        Assert.Equal(HttpRulesTests.Seconds(0, 2, 4, 6, 7), atol.TimesOf("report"));
    }

    [Fact]
    public async Task Polling_with_zero_delays_asks_back_to_back_until_the_deadline_has_passed()
    {
        var clock = new FakeClock();
        var atol = new ScriptedAtol(clock);
        atol.Report = (n, _) => n < 3 ? ScriptedAtol.Waiting() : ScriptedAtol.Json(System.Net.HttpStatusCode.OK, CallbackFieldsTests.DoneV5);
        var client = atol.Client(o => o.Polling = new AtolPollingPolicy { FirstDelay = TimeSpan.Zero, NextDelay = TimeSpan.Zero, MaxDelay = TimeSpan.Zero, Deadline = Tick });
        var report = await client.WaitForReportAsync("u-zero", Fixtures.Ct);
        Assert.Equal(AtolDocumentStatus.Done, report.Status);
        Assert.Equal(3, atol.TimesOf("report").Count);
    }

    [Fact]
    public async Task Polling_stops_when_the_caller_cancels()
    {
        var clock = new FakeClock();
        var atol = new ScriptedAtol(clock);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Fixtures.Ct);
        atol.Report = (n, _) =>
        {
            if (n == 2)
            {
                cts.Cancel();
            }

            return ScriptedAtol.Waiting();
        };
        var client = atol.Client(o => o.Polling = new AtolPollingPolicy());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.WaitForReportAsync("u-cancel", cts.Token));
        Assert.Equal(2, atol.TimesOf("report").Count);
    }

    private static string Apply(AtolClientOptions o, string setting)
    {
        string[] parts = setting.Split('=', 2);
        string name = parts[0].Split('.')[0];
        string value = parts[1];
        TimeSpan Span() => value switch
        {
            "0" => TimeSpan.Zero,
            "1" => Tick,
            "-1" => -Tick,
            "-2ms" => TimeSpan.FromMilliseconds(-2),
            "infinite" => Timeout.InfiniteTimeSpan,
            _ => throw new ArgumentOutOfRangeException(nameof(setting)),
        };

        switch (parts[0])
        {
            case "Retry.MaxAttempts": o.Retry.MaxAttempts = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
            case "Retry.BaseDelay": o.Retry.BaseDelay = Span(); break;
            case "Retry.MaxDelay": o.Retry.MaxDelay = Span(); break;
            case "Retry.Jitter": o.Retry.Jitter = double.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
            case "Retry": o.Retry = null!; break;
            case "Polling.FirstDelay": o.Polling.FirstDelay = Span(); break;
            case "Polling.NextDelay": o.Polling.NextDelay = Span(); break;
            case "Polling.MaxDelay": o.Polling.MaxDelay = Span(); break;
            case "Polling.Deadline": o.Polling.Deadline = Span(); break;
            case "Polling": o.Polling = null!; break;
            case "MaxResponseBytes": o.MaxResponseBytes = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
            case "AttemptTimeout": o.AttemptTimeout = Span(); break;
            case "Login": o.Login = value; break;
            case "Password": o.Password = value; break;
            case "GroupCode": o.GroupCode = value; break;
            case "ProtocolVersion": o.ProtocolVersion = (AtolProtocolVersion)7; break;
            case "BaseAddress":
                o.BaseAddress = value switch
                {
                    "relative" => new Uri("atol/", UriKind.Relative),
                    "ftp" => new Uri("ftp://testonline.atol.ru/"),
                    "http-remote" => new Uri("http://testonline.atol.ru/"),
                    _ => new Uri("http://127.0.0.1:5000/"),
                };
                break;
            default: throw new ArgumentOutOfRangeException(nameof(setting));
        }

        return name;
    }
}
