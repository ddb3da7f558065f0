using System.Net;
using static AtolOnline.Emulator.Tests.Support;

namespace AtolOnline.Emulator.Tests;

/// <summary>The request log: what arrived, per external_id, uuid and login, in process and through <c>/emulator/requests</c>.</summary>
public sealed class RequestLogTests
{
    [Fact]
    public async Task Registrations_are_counted_per_external_id_whether_accepted_answered_33_refused_or_cut_by_a_fault()
    {
        await using var atol = await StartAsync();
        using var http = Client(atol);
        string token = await TokenAsync(http);
        string path = $"possystem/v5/{V5Group}/sell";
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(http, path, V5Sell("log-1"), token)).Status);
        Assert.Equal(33, (await PostAsync(http, path, V5Sell("log-1"), token)).ErrorCode);
        Assert.Equal(33, (await PostAsync(http, path, V5Sell("log-1"), token)).ErrorCode);
        Assert.Equal(32, (await PostAsync(http, path, V5Sell("log-2", inn: "12"), token)).ErrorCode);
        Assert.Equal(10, (await PostAsync(http, path, V5Sell("log-3"), "not-a-token")).ErrorCode);
        atol.Faults.Add(FaultRule.Times(FaultEndpoint.Register, FaultKind.Status503, 1));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await PostAsync(http, path, V5Sell("log-4"), token)).Status);
        Assert.Equal(40, (await PostAsync(http, path, "{\"external_id\": ", token)).ErrorCode);

        var requests = atol.GetRequests();
        Assert.Equal(new ExternalIdRequests(V5Group, "log-1", 3, 1, 2), requests.ForExternalId(V5Group, "log-1"));
        Assert.Equal(new ExternalIdRequests(V5Group, "log-2", 1, 0, 0), requests.ForExternalId(V5Group, "log-2"));
        Assert.Equal(1, requests.ForExternalId(V5Group, "log-2").Refused);
        Assert.Equal(new ExternalIdRequests(V5Group, "log-3", 1, 0, 0), requests.ForExternalId(V5Group, "log-3"));
        Assert.Equal(new ExternalIdRequests(V5Group, "log-4", 1, 0, 0), requests.ForExternalId(V5Group, "log-4"));
        Assert.Equal(new ExternalIdRequests(V5Group, "never", 0, 0, 0), requests.ForExternalId(V5Group, "never"));
        Assert.Equal((7L, 1L, 2L, 1L), (requests.Registrations, requests.Accepted, requests.Duplicates, requests.RegistrationsWithoutExternalId));
        Assert.Equal(7, requests.RegistrationTimes.Count);
        Assert.All(requests.RegistrationTimes, t => Assert.Equal(Start, t));
    }

    [Fact]
    public async Task Report_requests_are_counted_per_uuid_with_emulator_clock_times_and_token_requests_per_login()
    {
        await using var atol = await StartAsync();
        using var http = Client(atol);
        string token = await TokenAsync(http);
        await TokenAsync(http);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(http, "possystem/v4/getToken?login=v4-online-atol-ru&pass=iGFFuihss")).Status);
        Assert.Equal(12, (await PostAsync(http, "possystem/v5/getToken", """{"login":"v5-online-atol-ru","pass":"wrong"}""")).ErrorCode);
        string uuid = (await PostAsync(http, $"possystem/v5/{V5Group}/sell", V5Sell("rep-1"), token)).Str("uuid");
        Assert.Equal(34, (await GetAsync(http, $"possystem/v5/{V5Group}/report/{uuid}", token)).ErrorCode);
        atol.Clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(http, $"possystem/v5/{V5Group}/report/{uuid}", token)).Status);
        Assert.Equal(30, (await GetAsync(http, $"possystem/v5/{V5Group}/report/00000000-0000-4000-8000-000000000000", token)).ErrorCode);

        var requests = atol.GetRequests();
        var report = requests.ForUuid(uuid);
        Assert.Equal((V5Group, 2), (report.GroupCode, report.ReportRequests));
        Assert.Equal(new[] { Start, Start.AddSeconds(10) }, report.Times);
        Assert.Equal(1, requests.ForUuid("00000000-0000-4000-8000-000000000000").ReportRequests);
        Assert.Equal(0, requests.ForUuid("unknown").ReportRequests);
        Assert.Equal(3, requests.ReportRequests);
        Assert.Equal(4, requests.TokenRequests);
        Assert.Equal(3, requests.TokenRequestsByLogin["v5-online-atol-ru"]);
        Assert.Equal(1, requests.TokenRequestsByLogin["v4-online-atol-ru"]);

        atol.ClearRequests();
        var cleared = atol.GetRequests();
        Assert.Equal((0L, 0L, 0L), (cleared.Registrations, cleared.ReportRequests, cleared.TokenRequests));
        Assert.Empty(cleared.ByUuid);
        Assert.NotNull(atol.FindDocument(uuid)); // documents are kept
    }

    [Fact]
    public async Task The_busiest_window_is_measured_on_the_emulator_clock()
    {
        await using var atol = await StartAsync();
        using var http = Client(atol);
        string token = await TokenAsync(http);
        int n = 0;
        async Task RegisterAsync(int count)
        {
            for (int i = 0; i < count; i++)
            {
                Assert.Equal(HttpStatusCode.OK, (await PostAsync(http, $"possystem/v5/{V5Group}/sell", V5Sell("win-" + n++), token)).Status);
            }
        }

        await RegisterAsync(3);                                   // t = 0
        atol.Clock.Advance(TimeSpan.FromMilliseconds(600));
        await RegisterAsync(2);                                   // t = 0.6 s
        atol.Clock.Advance(TimeSpan.FromMilliseconds(600));
        await RegisterAsync(4);                                   // t = 1.2 s
        atol.Clock.Advance(TimeSpan.FromSeconds(5));
        await RegisterAsync(1);                                   // t = 6.2 s

        var requests = atol.GetRequests();
        Assert.Equal(6, requests.MaxRegistrationsWithin(TimeSpan.FromSeconds(1)));   // 0.6 s and 1.2 s
        Assert.Equal(9, requests.MaxRegistrationsWithin(TimeSpan.FromMilliseconds(1200)));
        Assert.Equal(4, requests.MaxRegistrationsWithin(TimeSpan.Zero));
        Assert.Equal(10, requests.MaxRegistrationsWithin(TimeSpan.FromDays(1)));
    }

    [Fact]
    public async Task Timestamps_stop_at_the_capacity_and_counting_goes_on()
    {
        await using var atol = await StartAsync(o => o.RequestLogCapacity = 2);
        using var http = Client(atol);
        string token = await TokenAsync(http);
        for (int i = 0; i < 4; i++)
        {
            await PostAsync(http, $"possystem/v5/{V5Group}/sell", V5Sell("cap-" + i), token);
        }

        var requests = atol.GetRequests();
        Assert.Equal(4, requests.Registrations);
        Assert.Equal(2, requests.RegistrationTimes.Count);
        Assert.True(requests.TimesTruncated);
        await Assert.ThrowsAsync<ArgumentException>(() => StartAsync(o => o.RequestLogCapacity = -1));
    }

    [Fact]
    public async Task The_control_api_lists_the_counts_and_clears_them()
    {
        await using var atol = await StartAsync();
        using var http = Client(atol);
        string token = await TokenAsync(http);
        string uuid = (await PostAsync(http, $"possystem/v5/{V5Group}/sell", V5Sell("ctl-1"), token)).Str("uuid");
        await PostAsync(http, $"possystem/v5/{V5Group}/sell", V5Sell("ctl-1"), token);
        await GetAsync(http, $"possystem/v5/{V5Group}/report/{uuid}", token);

        var answer = await GetAsync(http, "emulator/requests");
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var totals = answer.Root.GetProperty("totals");
        Assert.Equal((2, 1, 1, 1, 1), (totals.GetProperty("registrations").GetInt32(), totals.GetProperty("accepted").GetInt32(), totals.GetProperty("duplicates").GetInt32(),
            totals.GetProperty("report_requests").GetInt32(), totals.GetProperty("token_requests").GetInt32()));
        Assert.Equal(2, answer.Root.GetProperty("max_registrations_per_second").GetInt32());
        var id = Assert.Single(answer.Root.GetProperty("external_ids").EnumerateArray());
        Assert.Equal(("ctl-1", 2, 1, 1, 0), (id.GetProperty("external_id").GetString(), id.GetProperty("registrations").GetInt32(), id.GetProperty("accepted").GetInt32(),
            id.GetProperty("duplicates").GetInt32(), id.GetProperty("refused").GetInt32()));
        var report = Assert.Single(answer.Root.GetProperty("uuids").EnumerateArray());
        Assert.Equal((uuid, 1), (report.GetProperty("uuid").GetString(), report.GetProperty("report_requests").GetInt32()));
        Assert.Equal(1, answer.Root.GetProperty("token_requests").GetProperty("v5-online-atol-ru").GetInt32());
        Assert.DoesNotContain("zUr0OxfI", answer.Text, StringComparison.Ordinal);
        Assert.Empty((await GetAsync(http, "emulator/requests?group_code=other")).Root.GetProperty("external_ids").EnumerateArray());

        var cleared = await SendAsync(http, new HttpRequestMessage(HttpMethod.Delete, "emulator/requests"));
        Assert.Equal(0, cleared.Root.GetProperty("totals").GetProperty("registrations").GetInt32());
        Assert.Equal(0, atol.GetRequests().Registrations);
    }
}
