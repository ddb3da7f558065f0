using Npgsql;
using AtolOnline.Json;
using AtolOnline.Protocol;

namespace AtolOnline.Batch.PostgreSql.Tests;

/// <summary>The queue's schema (versioned, idempotent migration) and pushing documents (idempotent, conflicts refused).</summary>
public sealed class QueueSchemaAndPushTests(PostgresServer server)
{
    [Fact]
    public async Task Migration_is_versioned_and_idempotent_even_when_run_concurrently()
    {
        var (source, store) = server.NewQueue("schema");
        await using var _ = source;
        int[] versions = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => store.MigrateAsync(QueueFixtures.Ct)));
        Assert.All(versions, v => Assert.Equal(PostgresQueueStore.SchemaVersion, v));
        Assert.Equal(PostgresQueueStore.SchemaVersion, await store.MigrateAsync(QueueFixtures.Ct));

        await using var command = source.CreateCommand("SELECT version FROM atol_queue_schema WHERE queue = @q");
        command.Parameters.AddWithValue("q", store.Name);
        Assert.Equal(PostgresQueueStore.SchemaVersion, (int)(await command.ExecuteScalarAsync(QueueFixtures.Ct))!);
        await using var columns = source.CreateCommand("SELECT count(*) FROM information_schema.columns WHERE table_name = @q AND column_name IN ('external_id', 'operation', 'protocol', 'request', 'state', 'uuid', 'fn_number', 'error', 'attempts', 'lease_owner', 'lease_expires', 'created_at', 'finished_at')");
        columns.Parameters.AddWithValue("q", store.Name);
        Assert.Equal(13L, (long)(await columns.ExecuteScalarAsync(QueueFixtures.Ct))!);
    }

    [Fact]
    public void A_queue_name_that_is_not_a_plain_identifier_is_refused()
    {
        using var source = PostgresQueueStore.CreateDataSource(server.ConnectionString);
        foreach (var name in new[] { "", "Queue", "1queue", "q\"; DROP TABLE x; --", new string('a', 49) })
        {
            Assert.Throws<ArgumentException>(() => new PostgresQueueStore(source, name));
        }
    }

    [Fact]
    public async Task A_repeated_push_adds_nothing_and_another_document_under_a_queued_external_id_is_refused()
    {
        var (source, store) = server.NewQueue("push");
        await using var _ = source;
        await store.MigrateAsync(QueueFixtures.Ct);
        var first = await store.PushAsync(AtolProtocolVersion.V5, "sell", QueueFixtures.Json(QueueFixtures.Sells("p", 1200)), QueueFixtures.Ct);
        Assert.Equal(new QueuePushResult(1200, 0, 0, 0, []).Added, first.Added);
        Assert.True(first.IsComplete);

        var again = await store.PushAsync(AtolProtocolVersion.V5, "sell", QueueFixtures.Json(QueueFixtures.Sells("p", 1200)), QueueFixtures.Ct);
        Assert.Equal((0L, 1200L, 0L, 0L), (again.Added, again.AlreadyQueued, again.Conflicts, again.Invalid));

        // p-5 with another content, p-6 as another operation, p-7 twice in one push with two contents, one new document.
        var changed = new[] { QueueFixtures.Sell(99, "p-5"), QueueFixtures.Sell(7, "p-7"), QueueFixtures.Sell(98, "p-7"), QueueFixtures.Sell(1, "p-new") };
        var mixed = await store.PushAsync(AtolProtocolVersion.V5, "sell", QueueFixtures.Json(changed), QueueFixtures.Ct);
        Assert.Equal((1L, 1L, 2L), (mixed.Added, mixed.AlreadyQueued, mixed.Conflicts));
        Assert.Contains(mixed.Problems, p => p.ExternalId == "p-5" && p.Reason.Contains("another content", StringComparison.Ordinal));
        Assert.Contains(mixed.Problems, p => p.ExternalId == "p-7" && p.Reason.Contains("document 3", StringComparison.Ordinal));
        var refund = await store.PushAsync(AtolProtocolVersion.V5, "sell_refund", QueueFixtures.Json([QueueFixtures.Sell(6, "p-6")]), QueueFixtures.Ct);
        Assert.Equal(1L, refund.Conflicts);
        Assert.Contains("v5 sell, not v5 sell_refund", refund.Problems.Single().Reason, StringComparison.Ordinal);

        // The stored document is still the first one: same uuid-less pending row, same content.
        var p5 = await store.FindAsync("p-5", QueueFixtures.Ct);
        Assert.Equal((JournalState.Pending, "sell", 0), (p5!.State, p5.Operation, p5.Attempts));
        await using var hash = source.CreateCommand($"SELECT content_hash FROM \"{store.Name}\" WHERE external_id = 'p-5'");
        string stored = (string)(await hash.ExecuteScalarAsync(QueueFixtures.Ct))!;
        Assert.Equal(BatchItem.Create(AtolV5Operations.Sell, QueueFixtures.Sell(5, "p-5")).ContentHash, stored);
        Assert.Equal(1201L, (await store.GetStatusAsync(QueueFixtures.Ct)).Pending);
    }

    [Fact]
    public async Task Invalid_and_unreadable_lines_are_reported_by_line_and_not_queued()
    {
        var (source, store) = server.NewQueue("invalid");
        await using var _ = source;
        await store.MigrateAsync(QueueFixtures.Ct);
        var valid = QueueFixtures.Sell(1, "ok-1");
        var noId = QueueFixtures.Sell(2, "x") with { ExternalId = null! };
        var invalid = valid with { ExternalId = "bad-1", Receipt = valid.Receipt with { Total = valid.Receipt.Total + 1 } };
        var lines = new ReadOnlyMemory<byte>[] { AtolJson.ToUtf8Bytes(valid), "   "u8.ToArray(), "{ not json"u8.ToArray(), AtolJson.ToUtf8Bytes(invalid), AtolJson.ToUtf8Bytes(noId) };
        var result = await store.PushAsync(AtolProtocolVersion.V5, "sell", lines.ToAsyncEnumerable(), QueueFixtures.Ct);
        Assert.Equal((1L, 3L), (result.Added, result.Invalid));
        Assert.False(result.IsComplete);
        Assert.Equal([3L, 4L, 5L], result.Problems.Select(p => p.Index!.Value));
        Assert.Equal("bad-1", result.Problems[1].ExternalId);
        Assert.Null(await store.FindAsync("bad-1", QueueFixtures.Ct));
        Assert.Equal(1L, (await store.GetStatusAsync(QueueFixtures.Ct)).Total);
    }

    [Fact]
    public async Task An_unknown_operation_is_refused_before_anything_is_read()
    {
        var (source, store) = server.NewQueue("op");
        await using var _ = source;
        await Assert.ThrowsAsync<ArgumentException>(() => store.PushAsync(AtolProtocolVersion.V5, "sell_everything", QueueFixtures.Json([]), QueueFixtures.Ct));
    }

    [Fact]
    public async Task An_unreachable_database_is_an_NpgsqlException_naming_no_password()
    {
        await using var source = PostgresQueueStore.CreateDataSource($"Host=127.0.0.1;Port={server.Port + 1};Username=atol;Password=s3cret-pw;Timeout=2");
        var store = new PostgresQueueStore(source);
        var ex = await Assert.ThrowsAnyAsync<NpgsqlException>(() => store.MigrateAsync(QueueFixtures.Ct));
        Assert.DoesNotContain("s3cret-pw", ex.ToString(), StringComparison.Ordinal);
    }
}
