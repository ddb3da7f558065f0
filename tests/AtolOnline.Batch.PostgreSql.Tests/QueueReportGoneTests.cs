using System.Text;
using System.Text.Json;
using AtolOnline.Emulator;
using AtolOnline.V5;
using Npgsql;
using AtolOnline.Protocol;

namespace AtolOnline.Batch.PostgreSql.Tests;

/// <summary>
/// A sent document whose report ATOL no longer keeps (its retention passed: system error 30 for the uuid) is final in
/// the queue as unresolved, with its uuid, and never sent again; the schema step that allows that state.
/// </summary>
public sealed class QueueReportGoneTests(PostgresServer server)
{
    [Fact]
    public async Task A_sent_document_whose_report_is_gone_ends_unresolved_with_its_uuid_is_never_registered_again_and_the_worker_exits()
    {
        await using var atol = await QueueFixtures.StartEmulatorAsync();
        var (source, store) = server.NewQueue("gone");
        await using var _ = source;
        await store.MigrateAsync(QueueFixtures.Ct);
        var (uuids, fresh) = await QueueSentDocumentsPastRetentionAsync(atol, source, store);

        // A guard against a hang (the defect: such documents were given back and retried forever), not a timing assert.
        using var hang = CancellationTokenSource.CreateLinkedTokenSource(QueueFixtures.Ct);
        hang.CancelAfter(TimeSpan.FromMinutes(2));
        var result = await new PostgresBatchWorker(store, QueueFixtures.Client(atol), QueueFixtures.Options("gone")).RunAsync(follow: false, hang.Token);

        Assert.True(result.QueueFinished, "the worker without follow ended because every document is final");
        Assert.Equal((3L, 3L, 0L, 0L), (result.Unresolved, result.Done, result.Failed, result.Released));
        var requests = atol.GetRequests();
        var registered = requests.ByExternalId.ToDictionary(r => r.ExternalId);
        foreach (var (id, uuid) in uuids)
        {
            Assert.False(registered.ContainsKey(id), $"{id} was registered again although ATOL had registered it as {uuid}");
            Assert.True(requests.ForUuid(uuid).ReportRequests > 0, $"{id}: its report was not asked for");
            var document = await store.FindAsync(id, QueueFixtures.Ct);
            Assert.Equal((JournalState.Unresolved, uuid, (string?)null, (BatchFiscalData?)null), (document!.State, document.Uuid, document.LeaseOwner, document.FiscalData));
            Assert.Contains("registered as " + uuid, document.Error, StringComparison.Ordinal);
            Assert.Contains("never send it again", document.Error, StringComparison.Ordinal);
        }

        foreach (string id in fresh)
        {
            // Stored exactly once, never answered as a duplicate (a refused request, which Registrations also counts, stores nothing).
            Assert.Equal((1, 0), (registered[id].Accepted, registered[id].Duplicates));
            Assert.Equal(JournalState.Done, (await store.FindAsync(id, QueueFixtures.Ct))!.State);
        }

        var status = await store.GetStatusAsync(QueueFixtures.Ct);
        Assert.Equal((3L, 3L, 0L, 0L, 0L, 0L, 6L), (status.Unresolved, status.Done, status.Failed, status.Pending, status.Sent, status.Leased, status.Total));
        Assert.True(status.IsFinished);

        // Final: another run claims nothing and asks ATOL nothing.
        atol.ClearRequests();
        var again = await new PostgresBatchWorker(store, QueueFixtures.Client(atol), QueueFixtures.Options("again")).RunAsync(follow: false, QueueFixtures.Ct);
        Assert.True(again.QueueFinished);
        Assert.Equal((0L, 0L, 0L), (again.Claimed, again.Unresolved, again.Released));
        Assert.Equal(0, atol.GetRequests().Registrations);
        Assert.All(uuids.Values, uuid => Assert.Equal(0, atol.GetRequests().ForUuid(uuid).ReportRequests));

        // A late writer (a worker that lost the document meanwhile) never overwrites the final state, nor it another one.
        var late = new QueueJournal(store, "late", TimeSpan.FromSeconds(1));
        string goneId = uuids.Keys.First();
        await late.RecordSentAsync(goneId, "sell", "uuid-late", QueueFixtures.Ct);
        await late.RecordFinalAsync(goneId, "sell", "uuid-late", JournalState.Done, null, null, QueueFixtures.Ct);
        await late.RecordFinalAsync(fresh[0], "sell", "uuid-late", JournalState.Unresolved, null, "late", QueueFixtures.Ct);
        var gone = await store.FindAsync(goneId, QueueFixtures.Ct);
        Assert.Equal((JournalState.Unresolved, uuids[goneId]), (gone!.State, gone.Uuid));
        var done = await store.FindAsync(fresh[0], QueueFixtures.Ct);
        Assert.Equal((JournalState.Done, (string?)null), (done!.State, done.Error));
        Assert.NotEqual("uuid-late", done.Uuid);
    }

    [Fact]
    public async Task The_atol_worker_command_without_follow_exits_and_queue_status_and_export_show_the_unresolved_documents()
    {
        await using var atol = await QueueFixtures.StartEmulatorAsync();
        var (source, store) = server.NewQueue("gonecli");
        await using var _ = source;
        await store.MigrateAsync(QueueFixtures.Ct);
        var (uuids, _) = await QueueSentDocumentsPastRetentionAsync(atol, source, store);
        string export = Path.Combine(Path.GetTempPath(), $"atol-unresolved-{Guid.NewGuid():N}.jsonl");
        try
        {
            var stdout = new StringBuilder();
            var stderr = new StringBuilder();
            using (var worker = AtolCli.Start(AtolCli.Worker(atol.BaseAddress, server.ConnectionString, store.Name), stdout, stderr))
            {
                // A guard against a hang (the defect: the worker retried such documents forever), not a timing assert.
                using var hang = CancellationTokenSource.CreateLinkedTokenSource(QueueFixtures.Ct);
                hang.CancelAfter(TimeSpan.FromMinutes(2));
                try
                {
                    await worker.WaitForExitAsync(hang.Token);
                }
                catch (OperationCanceledException) when (!QueueFixtures.Ct.IsCancellationRequested)
                {
                    worker.Kill();
                    Assert.Fail("atol worker without --follow did not exit: " + AtolCli.Text(stderr));
                }

                worker.WaitForExit();
                Assert.True(worker.ExitCode == 0, AtolCli.Text(stderr));
            }

            Assert.Contains("unresolved 3", AtolCli.Text(stdout), StringComparison.Ordinal);
            Assert.Equal(0, atol.GetRequests().ByExternalId.Count(r => uuids.ContainsKey(r.ExternalId)));

            var status = await AtolCli.RunAsync("queue", "status", "--postgres", server.ConnectionString, "--queue", store.Name);
            Assert.True(status.Exit == 0, status.Err);
            Assert.Contains("unresolved: 3", status.Out, StringComparison.Ordinal);
            Assert.Contains("done: 3", status.Out, StringComparison.Ordinal);

            var exported = await AtolCli.RunAsync("queue", "export", "--state", "unresolved", "--out", export, "--postgres", server.ConnectionString, "--queue", store.Name);
            Assert.True(exported.Exit == 0, exported.Err);
            var records = (await File.ReadAllLinesAsync(export, QueueFixtures.Ct)).Select(line => JsonDocument.Parse(line).RootElement).ToList();
            Assert.Equal(uuids.Keys.Order(StringComparer.Ordinal), records.Select(r => r.GetProperty("external_id").GetString()!).Order(StringComparer.Ordinal));
            Assert.All(records, r =>
            {
                Assert.Equal("unresolved", r.GetProperty("state").GetString());
                Assert.Equal(uuids[r.GetProperty("external_id").GetString()!], r.GetProperty("uuid").GetString());
                Assert.Contains("never send it again", r.GetProperty("error").GetString(), StringComparison.Ordinal);
            });
        }
        finally
        {
            File.Delete(export);
        }
    }

    [Fact]
    public async Task A_version_1_queue_is_migrated_to_accept_the_unresolved_state_keeping_its_rows_and_refusing_unknown_states()
    {
        var (source, store) = server.NewQueue("schemav1");
        await using var _ = source;
        var sql = new QueueSql(store.Name);
        await ExecuteAsync(source, "CREATE TABLE IF NOT EXISTS atol_queue_schema (queue text PRIMARY KEY, version integer NOT NULL, migrated_at timestamptz NOT NULL DEFAULT now())");
        await ExecuteAsync(source, sql.Migrations[0]);
        await ExecuteAsync(source, $"INSERT INTO atol_queue_schema (queue, version) VALUES ('{store.Name}', 1)");
        await ExecuteAsync(source, $"INSERT INTO {sql.Table} (external_id, operation, protocol, request, content_hash, state, uuid) VALUES ('old', 'sell', 'v5', '{{}}', 'h', 'sent', 'u-old')");
        var refused = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(source, $"UPDATE {sql.Table} SET state = 'unresolved' WHERE external_id = 'old'"));
        Assert.Equal(PostgresErrorCodes.CheckViolation, refused.SqlState);

        Assert.Equal(2, PostgresQueueStore.SchemaVersion);
        Assert.Equal(2, await store.MigrateAsync(QueueFixtures.Ct));
        Assert.Equal(2, await store.MigrateAsync(QueueFixtures.Ct)); // again: nothing to do

        await using (var version = source.CreateCommand("SELECT version FROM atol_queue_schema WHERE queue = @q"))
        {
            version.Parameters.AddWithValue("q", store.Name);
            Assert.Equal(2, (int)(await version.ExecuteScalarAsync(QueueFixtures.Ct))!);
        }

        var old = await store.FindAsync("old", QueueFixtures.Ct);
        Assert.Equal((JournalState.Sent, "u-old"), (old!.State, old.Uuid));
        await ExecuteAsync(source, $"UPDATE {sql.Table} SET state = 'unresolved' WHERE external_id = 'old'");
        Assert.Equal(JournalState.Unresolved, (await store.FindAsync("old", QueueFixtures.Ct))!.State);
        var unknown = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(source, $"UPDATE {sql.Table} SET state = 'lost' WHERE external_id = 'old'"));
        Assert.Equal(PostgresErrorCodes.CheckViolation, unknown.SqlState);
        await using var constraints = source.CreateCommand("SELECT count(*) FROM pg_constraint WHERE conrelid = @t::regclass AND contype = 'c' AND pg_get_constraintdef(oid) LIKE '%state%'");
        constraints.Parameters.AddWithValue("t", store.Name);
        Assert.Equal(1L, (long)(await constraints.ExecuteScalarAsync(QueueFixtures.Ct))!);
    }

    /// <summary>
    /// Three documents ATOL registered and the queue recorded as sent (gone-0..2, by uuid), three pending ones
    /// (gone-3..5); then the emulator's clock moves past its report retention, so it no longer knows those uuids.
    /// </summary>
    private static async Task<(Dictionary<string, string> Uuids, string[] Fresh)> QueueSentDocumentsPastRetentionAsync(AtolEmulator atol, NpgsqlDataSource source, PostgresQueueStore store)
    {
        await store.PushAsync(AtolProtocolVersion.V5, "sell", QueueFixtures.Json(QueueFixtures.Sells("gone", 6)), QueueFixtures.Ct);
        var client = QueueFixtures.Client(atol);
        var uuids = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < 3; i++)
        {
            string id = $"gone-{i}";
            var registration = await client.RegisterAsync(AtolV5Operations.Sell, QueueFixtures.Sell(i, id), QueueFixtures.Ct);
            uuids[id] = registration.Uuid;
            await ExecuteAsync(source, $"UPDATE \"{store.Name}\" SET state = 'sent', uuid = '{registration.Uuid}', sent_at = now() WHERE external_id = '{id}'");
        }

        // ATOL keeps v5 reports 30 days; after that it answers error 30 for the uuid.
        atol.Clock.Advance(TimeSpan.FromDays(31));
        Assert.Empty(atol.Documents);
        atol.ClearRequests();
        return (uuids, ["gone-3", "gone-4", "gone-5"]);
    }

    private static async Task ExecuteAsync(NpgsqlDataSource source, string sql)
    {
        await using var command = source.CreateCommand(sql);
        await command.ExecuteNonQueryAsync(QueueFixtures.Ct);
    }
}
