using AtolOnline.Emulator;
using Npgsql;
using AtolOnline.Protocol;

namespace AtolOnline.Batch.PostgreSql.Tests;

/// <summary>Workers in this process over one queue: exactly once, takeover of a dead worker's leases, the fence before a send.</summary>
public sealed class QueueWorkerTests(PostgresServer server)
{
    [Fact]
    public async Task Three_workers_share_a_queue_and_register_every_document_once_with_its_fiscal_data_recorded()
    {
        await using var atol = await QueueFixtures.StartEmulatorAsync(o =>
            o.Faults.Add(new FaultRule { Endpoint = FaultEndpoint.Register, Kind = FaultKind.Drop, Probability = 0.05, Timing = FaultTiming.AfterStore }));
        var (source, store) = server.NewQueue("share");
        await using var _ = source;
        await store.MigrateAsync(QueueFixtures.Ct);
        var documents = QueueFixtures.Sells("w", 400).Concat([QueueFixtures.Sell(5, "w-inn", wrongInn: true)]).ToList();
        Assert.True((await store.PushAsync(AtolProtocolVersion.V5, "sell", QueueFixtures.Json(documents), QueueFixtures.Ct)).IsComplete);

        var results = await Task.WhenAll(Enumerable.Range(0, 3).Select(i =>
            new PostgresBatchWorker(store, QueueFixtures.Client(atol), QueueFixtures.Options($"w{i}")).RunAsync(follow: false, QueueFixtures.Ct)));

        Assert.All(results, r => Assert.True(r.QueueFinished));
        Assert.True(results.Count(r => r.Claimed > 0) >= 2, "the workers shared the queue"); // not all three: one may start after the others finished
        Assert.Equal(401L, results.Sum(r => r.Done + r.Failed));
        Assert.Equal(401L, results.Sum(r => r.Claimed));
        await AssertQueueMatchesEmulatorAsync(store, atol, "w", 401);
        var failed = await store.FindAsync("w-inn", QueueFixtures.Ct);
        Assert.Equal(JournalState.Failed, failed!.State);
        Assert.False(string.IsNullOrEmpty(failed.Error));
        var status = await store.GetStatusAsync(QueueFixtures.Ct);
        Assert.Equal((400L, 1L, 0L, 0L, 0L), (status.Done, status.Failed, status.Pending, status.Sent, status.Leased));
    }

    [Fact]
    public async Task A_dead_workers_expired_leases_are_taken_over_sent_polled_pending_sent_again_under_the_same_external_id()
    {
        await using var atol = await QueueFixtures.StartEmulatorAsync();
        var (source, store) = server.NewQueue("takeover");
        await using var _ = source;
        await store.MigrateAsync(QueueFixtures.Ct);
        await store.PushAsync(AtolProtocolVersion.V5, "sell", QueueFixtures.Json(QueueFixtures.Sells("t", 40)), QueueFixtures.Ct);

        // A worker that died holding t-0..t-29: it had registered t-0..t-19 with ATOL, recorded the uuid of t-0..t-9
        // (sent) but died before recording t-10..t-19 (pending, yet stored by ATOL); t-20..t-29 it never sent.
        var client = QueueFixtures.Client(atol);
        var firstUuid = new Dictionary<string, string>();
        for (int i = 0; i < 20; i++)
        {
            var registration = await client.RegisterAsync(AtolV5Operations.Sell, QueueFixtures.Sell(i, $"t-{i}"), QueueFixtures.Ct);
            firstUuid[$"t-{i}"] = registration.Uuid;
        }

        await ExecuteAsync(source, $"UPDATE \"{store.Name}\" SET lease_owner = 'dead', lease_expires = now() - interval '1 second', attempts = 1 WHERE external_id IN ({Ids(0, 30)})");
        foreach (int i in Enumerable.Range(0, 10))
        {
            await ExecuteAsync(source, $"UPDATE \"{store.Name}\" SET state = 'sent', uuid = '{firstUuid[$"t-{i}"]}' WHERE external_id = 't-{i}'");
        }

        atol.ClearRequests();
        var result = await new PostgresBatchWorker(store, client, QueueFixtures.Options("heir")).RunAsync(follow: false, QueueFixtures.Ct);

        Assert.True(result.QueueFinished);
        Assert.Equal(30L, result.TakenOver);
        Assert.Equal(40L, result.Done);
        var requests = atol.GetRequests().ByExternalId.ToDictionary(r => r.ExternalId);
        for (int i = 0; i < 40; i++)
        {
            string id = $"t-{i}";
            var document = await store.FindAsync(id, QueueFixtures.Ct);
            Assert.Equal(JournalState.Done, document!.State);
            switch (i)
            {
                case < 10: // sent: polled by uuid, never registered again
                    Assert.False(requests.ContainsKey(id), $"{id} was sent again although the queue had it as sent");
                    Assert.Equal(firstUuid[id], document.Uuid);
                    Assert.True(atol.GetRequests().ForUuid(firstUuid[id]).ReportRequests > 0);
                    break;
                case < 20: // pending but stored by ATOL: sent again, the duplicate answer adopts the first uuid
                    Assert.Equal((1, 0, 1), (requests[id].Registrations, requests[id].Accepted, requests[id].Duplicates));
                    Assert.Equal(firstUuid[id], document.Uuid);
                    break;
                default:
                    Assert.Equal((1, 1), (requests[id].Registrations, requests[id].Accepted));
                    break;
            }

            Assert.Equal(i < 30 ? 2 : 1, document.Attempts);
        }

        await AssertQueueMatchesEmulatorAsync(store, atol, "t", 40);
    }

    [Fact]
    public async Task A_document_whose_lease_is_gone_or_expired_is_not_sent()
    {
        var (source, store) = server.NewQueue("fence");
        await using var _ = source;
        await store.MigrateAsync(QueueFixtures.Ct);
        await store.PushAsync(AtolProtocolVersion.V5, "sell", QueueFixtures.Json(QueueFixtures.Sells("f", 3)), QueueFixtures.Ct);
        await ExecuteAsync(source, $"UPDATE \"{store.Name}\" SET lease_owner = 'me', lease_expires = now() + interval '1 hour' WHERE external_id = 'f-0'");
        await ExecuteAsync(source, $"UPDATE \"{store.Name}\" SET lease_owner = 'other', lease_expires = now() + interval '1 hour' WHERE external_id = 'f-1'");
        await ExecuteAsync(source, $"UPDATE \"{store.Name}\" SET lease_owner = 'me', lease_expires = now() + interval '1 second' WHERE external_id = 'f-2'");
        var journal = new QueueJournal(store, "me", TimeSpan.FromSeconds(5));

        await journal.RecordPendingAsync("f-0", "sell", "", QueueFixtures.Ct); // held, with time left: may send
        var taken = await Assert.ThrowsAsync<LeaseLostException>(() => journal.RecordPendingAsync("f-1", "sell", "", QueueFixtures.Ct).AsTask());
        Assert.Contains("no longer holds the document's lease", taken.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<LeaseLostException>(() => journal.RecordPendingAsync("f-2", "sell", "", QueueFixtures.Ct).AsTask()); // less than the margin left
        Assert.True(journal.TakeLeaseLost("f-1"));
        Assert.False(journal.TakeLeaseLost("f-1"));
        Assert.True(journal.TakeLeaseLost("f-2"));
        Assert.False(journal.TakeLeaseLost("f-0"));

        // A final state is never overwritten by a late writer (a worker that lost the document meanwhile).
        await journal.RecordFinalAsync("f-0", "sell", "uuid-1", JournalState.Done, null, null, QueueFixtures.Ct);
        await journal.RecordSentAsync("f-0", "sell", "uuid-2", QueueFixtures.Ct);
        await journal.RecordFinalAsync("f-0", "sell", "uuid-3", JournalState.Failed, null, "late", QueueFixtures.Ct);
        var f0 = await store.FindAsync("f-0", QueueFixtures.Ct);
        Assert.Equal((JournalState.Done, "uuid-1", (string?)null), (f0!.State, f0.Uuid, f0.LeaseOwner));
    }

    [Fact]
    public async Task Refused_credentials_stop_the_worker_and_give_its_documents_back_unsent()
    {
        await using var atol = await QueueFixtures.StartEmulatorAsync();
        var (source, store) = server.NewQueue("creds");
        await using var _ = source;
        await store.MigrateAsync(QueueFixtures.Ct);
        await store.PushAsync(AtolProtocolVersion.V5, "sell", QueueFixtures.Json(QueueFixtures.Sells("c", 20)), QueueFixtures.Ct);
        var options = AtolClientOptions.ForTestEnvironment(AtolProtocolVersion.V5, atol.BaseAddress);
        options.Password = "wrong-password";
        using var http = new HttpClient();
        var result = await new PostgresBatchWorker(store, new AtolClient(http, options), QueueFixtures.Options("c")).RunAsync(follow: false, QueueFixtures.Ct);

        Assert.True(result.CredentialsRefused);
        Assert.False(result.QueueFinished);
        Assert.Equal(0L, atol.GetRequests().Registrations);
        var status = await store.GetStatusAsync(QueueFixtures.Ct);
        Assert.Equal((20L, 0L), (status.Pending, status.Leased));
    }

    /// <summary>Document by document: one stored registration per external_id, and the queue's uuid, state and fiscal data are the emulator's.</summary>
    internal static async Task AssertQueueMatchesEmulatorAsync(PostgresQueueStore store, AtolEmulator atol, string prefix, int count)
    {
        var accepted = atol.GetRequests().ByExternalId.Where(r => r.ExternalId.StartsWith(prefix + "-", StringComparison.Ordinal)).ToList();
        var notOnce = accepted.Where(r => r.Accepted > 1).Select(r => $"{r.ExternalId} stored {r.Accepted}x").ToList();
        Assert.True(notOnce.Count == 0, string.Join(", ", notOnce.Take(10)));
        var emulated = atol.Documents.Where(d => d.ExternalId.StartsWith(prefix + "-", StringComparison.Ordinal)).ToList();
        Assert.Equal(count, emulated.Count);
        Assert.Equal(count, emulated.Select(d => d.ExternalId).Distinct().Count());
        var byExternalId = emulated.ToDictionary(d => d.ExternalId);
        int seen = 0;
        await foreach (var queued in store.ReadAllAsync(QueueFixtures.Ct))
        {
            if (!queued.ExternalId.StartsWith(prefix + "-", StringComparison.Ordinal))
            {
                continue;
            }

            seen++;
            Assert.True(byExternalId.TryGetValue(queued.ExternalId, out var document), $"{queued.ExternalId}: not registered");
            Assert.Equal(document!.Uuid, queued.Uuid);
            Assert.Equal(document.Status == DocumentState.Done ? JournalState.Done : JournalState.Failed, queued.State);
            Assert.Null(queued.LeaseOwner);
            if (queued.State == JournalState.Done)
            {
                Assert.Equal(document.FiscalDocumentNumber, queued.FiscalData?.FiscalDocumentNumber);
                Assert.NotNull(queued.FiscalData?.FnNumber);
            }
        }

        Assert.Equal(count, seen);
    }

    private static string Ids(int from, int count) => string.Join(", ", Enumerable.Range(from, count).Select(i => $"'t-{i}'"));

    private static async Task ExecuteAsync(NpgsqlDataSource source, string sql)
    {
        await using var command = source.CreateCommand(sql);
        await command.ExecuteNonQueryAsync(QueueFixtures.Ct);
    }
}
