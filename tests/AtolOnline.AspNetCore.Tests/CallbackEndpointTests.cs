using System.Net;
using System.Text.Json.Nodes;
using AtolOnline.Protocol;

namespace AtolOnline.AspNetCoreTests;

/// <summary>
/// The callback endpoint without a proof, against the emulator: genuine callbacks reach the handler with ATOL's report, a
/// forged one is refused and changes nothing, a repeated one is delivered once, an early one is kept and delivered.
/// </summary>
public sealed class CallbackEndpointTests
{
    [Fact]
    public async Task A_callback_from_ATOL_reaches_the_handler_with_the_fiscal_data()
    {
        await using var host = await CallbackHost.StartAsync();
        var registration = await host.SellAsync("cb-genuine", withCallback: true);

        await CallbackHost.EventuallyAsync(() => !host.Applied.IsEmpty);

        var report = Assert.Single(host.Applied);
        Assert.Equal(registration.Uuid, report.Uuid);
        Assert.Equal(AtolDocumentStatus.Done, report.Status);
        Assert.Equal(host.Atol.FindDocument(registration.Uuid)!.FiscalDocumentNumber, report.FiscalDocumentNumber);
        Assert.NotNull(report.FiscalDocumentAttribute);
    }

    [Fact]
    public async Task A_forged_callback_is_refused_and_changes_nothing()
    {
        await using var host = await CallbackHost.StartAsync();
        var registration = await host.SellAsync("cb-forged", withCallback: false);
        var genuine = await host.FinalReportJsonAsync(registration.Uuid);
        var forged = genuine.DeepClone().AsObject();
        forged["payload"]!["fn_number"] = "9999000000000001";
        forged["payload"]!["total"] = 1m;

        using var forgedAnswer = await host.PostAsync(forged.ToJsonString());
        // A callback with a uuid nobody registered: ATOL answers 30, also refused.
        var stranger = genuine.DeepClone().AsObject();
        stranger["uuid"] = "00000000-0000-4000-8000-000000000000";
        using var strangerAnswer = await host.PostAsync(stranger.ToJsonString());
        // The genuine callback after them is delivered: the forged ones left no trace (not taken for a repeat).
        using var genuineAnswer = await host.PostAsync(genuine.ToJsonString());
        await CallbackHost.EventuallyAsync(() => !host.Applied.IsEmpty);

        Assert.Equal(HttpStatusCode.OK, forgedAnswer.StatusCode);
        Assert.Equal(HttpStatusCode.OK, genuineAnswer.StatusCode);
        var handed = Assert.Single(host.Handed);
        Assert.Equal(registration.Uuid, handed.Uuid);
        Assert.Equal(genuine["payload"]!["fn_number"]!.GetValue<string>(), handed.FnNumber);
        Assert.NotEqual(1m, handed.Total);
    }

    [Fact]
    public async Task A_repeated_callback_is_delivered_once()
    {
        await using var host = await CallbackHost.StartAsync();
        var registration = await host.SellAsync("cb-repeat", withCallback: true);
        await CallbackHost.EventuallyAsync(() => !host.Applied.IsEmpty);
        string body = (await host.FinalReportJsonAsync(registration.Uuid)).ToJsonString();

        using var again = await host.PostAsync(body);
        using var thrice = await host.PostAsync(body);
        // A later document's delivery shows the queue moved past the repeats.
        var later = await host.SellAsync("cb-repeat-later", withCallback: true);
        await CallbackHost.EventuallyAsync(() => host.Applied.Count >= 2);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(HttpStatusCode.OK, thrice.StatusCode);
        Assert.Equal([registration.Uuid, later.Uuid], host.Handed.Select(r => r.Uuid));
    }

    [Fact]
    public async Task A_callback_before_the_registration_was_stored_is_kept_and_delivered_when_named()
    {
        await using var host = await CallbackHost.StartAsync();
        host.Known = new();
        var sentAt = DateTimeOffset.UtcNow;
        var registration = await host.SellAsync("cb-early", withCallback: true);
        await CallbackHost.EventuallyAsync(() => host.Inbox.ParkedCount == 1);
        Assert.Equal(1, host.Inbox.ParkedCount);
        Assert.Empty(host.Applied);

        // The application stores the registration answer, then names the uuid.
        host.Known[registration.Uuid] = true;
        host.Inbox.DocumentRegistered(registration.Uuid, sentAt);
        await CallbackHost.EventuallyAsync(() => !host.Applied.IsEmpty);

        var applied = Assert.Single(host.Applied);
        Assert.Equal(registration.Uuid, applied.Uuid);
        Assert.Equal(AtolDocumentStatus.Done, applied.Status);
        Assert.Equal(0, host.Inbox.ParkedCount);
    }

    [Fact]
    public async Task Kept_callbacks_are_bounded_the_oldest_is_dropped()
    {
        await using var host = await CallbackHost.StartAsync(o => o.MaxParkedCallbacks = 2);
        host.Known = new();
        var uuids = new List<string>();
        foreach (var id in new[] { "cb-park-1", "cb-park-2", "cb-park-3" })
        {
            var registration = await host.SellAsync(id, withCallback: false);
            uuids.Add(registration.Uuid);
            using var answer = await host.PostAsync((await host.FinalReportJsonAsync(registration.Uuid)).ToJsonString());
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            await CallbackHost.EventuallyAsync(() => host.Handed.Count == uuids.Count);
        }

        Assert.Equal(2, host.Inbox.ParkedCount);
        foreach (var uuid in uuids)
        {
            host.Known[uuid] = true;
            host.Inbox.DocumentRegistered(uuid, DateTimeOffset.UtcNow);
        }

        await CallbackHost.EventuallyAsync(() => host.Applied.Count == 2);
        // The oldest kept callback was dropped (its document is left to polling); the two newest are delivered.
        Assert.Equal(uuids.Skip(1), host.Applied.Select(r => r.Uuid));
        Assert.Equal(5, host.Handed.Count);
        Assert.Equal(0, host.Inbox.ParkedCount);
    }

    [Fact]
    public async Task A_handler_failure_leaves_the_uuid_free_for_a_repeated_callback()
    {
        await using var host = await CallbackHost.StartAsync();
        var registration = await host.SellAsync("cb-handler-fails", withCallback: false);
        string body = (await host.FinalReportJsonAsync(registration.Uuid)).ToJsonString();
        host.FailOnce[registration.Uuid] = true;

        using var first = await host.PostAsync(body);
        await CallbackHost.EventuallyAsync(() => host.Handed.Count == 1);
        await CallbackHost.EventuallyAsync(() => !host.Inbox.IsKnown(registration.Uuid));
        using var second = await host.PostAsync(body);
        await CallbackHost.EventuallyAsync(() => !host.Applied.IsEmpty);

        Assert.Equal(2, host.Handed.Count);
        Assert.Equal(registration.Uuid, Assert.Single(host.Applied).Uuid);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"status\":\"done\"}")]
    [InlineData("[1,2,3]")]
    public async Task A_body_that_is_not_a_report_with_a_uuid_is_answered_400(string body)
    {
        await using var host = await CallbackHost.StartAsync();
        using var answer = await host.PostAsync(body);
        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Empty(host.Handed);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_answered_413()
    {
        await using var host = await CallbackHost.StartAsync(o => o.MaxBodyBytes = 2048);
        var big = new JsonObject { ["uuid"] = "u", ["padding"] = new string('x', 4096) };
        using var answer = await host.PostAsync(big.ToJsonString());
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, answer.StatusCode);
        Assert.Empty(host.Handed);
    }
}
