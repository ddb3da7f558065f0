using System.Net;
using AtolOnline.Protocol;

namespace AtolOnline.AspNetCoreTests;

/// <summary>
/// The callback endpoint with a per-document proof in the URL: a proven callback is trusted without a report request; a
/// wrong proof (right uuid, right body) is refused with 403 and changes nothing; a repeated one is delivered once.
/// </summary>
public sealed class CallbackProofEndpointTests
{
    [Fact]
    public async Task A_proven_callback_from_ATOL_is_delivered_without_a_report_request()
    {
        await using var host = await CallbackHost.StartAsync(proof: AtolCallbackProof.CreateRandom());
        var registration = await host.SellAsync("proof-genuine", withCallback: true);
        await CallbackHost.EventuallyAsync(() => !host.Applied.IsEmpty);

        var report = Assert.Single(host.Applied);
        Assert.Equal(registration.Uuid, report.Uuid);
        Assert.Equal(AtolDocumentStatus.Done, report.Status);
        Assert.Equal(host.Atol.FindDocument(registration.Uuid)!.FiscalDocumentNumber, report.FiscalDocumentNumber);
        Assert.Equal(0, host.Atol.GetRequests().ReportRequests);
    }

    [Fact]
    public async Task A_callback_with_a_wrong_proof_is_refused_and_changes_nothing()
    {
        var proof = AtolCallbackProof.CreateRandom();
        await using var host = await CallbackHost.StartAsync(proof: proof);
        var registration = await host.SellAsync("proof-forged", withCallback: false);
        var other = await host.SellAsync("proof-other", withCallback: false);
        var genuine = await host.FinalReportJsonAsync(registration.Uuid);
        var forged = genuine.DeepClone().AsObject();
        forged["payload"]!["fn_number"] = "9999000000000001";

        // The right body on a made-up token, a forged body on another document's valid token, and another key's token.
        using var madeUp = await host.PostAsync(genuine.ToJsonString(), host.CallbackUrl + "/AAAAAAAAAAAAAAAAAAAAAA");
        using var borrowed = await host.PostAsync(forged.ToJsonString(), host.UrlFor(other.ExternalId));
        using var otherKey = await host.PostAsync(forged.ToJsonString(), AtolCallbackProof.CreateRandom().CreateCallbackUrl(host.CallbackUrl.ToString(), registration.ExternalId));
        using var noToken = await host.PostAsync(forged.ToJsonString(), host.CallbackUrl + "/");
        using var proven = await host.PostAsync(genuine.ToJsonString(), host.UrlFor(registration.ExternalId));
        await CallbackHost.EventuallyAsync(() => !host.Applied.IsEmpty);

        Assert.Equal(HttpStatusCode.Forbidden, madeUp.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, borrowed.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, otherKey.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, noToken.StatusCode);
        Assert.Equal(HttpStatusCode.OK, proven.StatusCode);
        var handed = Assert.Single(host.Handed);
        Assert.Equal(genuine["payload"]!["fn_number"]!.GetValue<string>(), handed.FnNumber);
    }

    [Fact]
    public async Task A_repeated_proven_callback_is_delivered_once()
    {
        await using var host = await CallbackHost.StartAsync(proof: AtolCallbackProof.CreateRandom());
        var registration = await host.SellAsync("proof-repeat", withCallback: true);
        await CallbackHost.EventuallyAsync(() => !host.Applied.IsEmpty);
        string body = (await host.FinalReportJsonAsync(registration.Uuid)).ToJsonString();

        using var again = await host.PostAsync(body, host.UrlFor(registration.ExternalId));
        var later = await host.SellAsync("proof-repeat-later", withCallback: true);
        await CallbackHost.EventuallyAsync(() => host.Applied.Count >= 2);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal([registration.Uuid, later.Uuid], host.Handed.Select(r => r.Uuid));
    }

    [Fact]
    public async Task An_early_proven_callback_is_kept_and_delivered_when_named()
    {
        await using var host = await CallbackHost.StartAsync(proof: AtolCallbackProof.CreateRandom());
        host.Known = new();
        var registration = await host.SellAsync("proof-early", withCallback: true);
        await CallbackHost.EventuallyAsync(() => host.Inbox.ParkedCount == 1);
        Assert.Empty(host.Applied);

        host.Known[registration.Uuid] = true;
        host.Inbox.DocumentRegistered(registration.Uuid, DateTimeOffset.UtcNow);
        await CallbackHost.EventuallyAsync(() => !host.Applied.IsEmpty);

        Assert.Equal(registration.Uuid, Assert.Single(host.Applied).Uuid);
        Assert.Equal(0, host.Inbox.ParkedCount);
    }
}
