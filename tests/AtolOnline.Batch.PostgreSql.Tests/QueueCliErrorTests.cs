using AtolOnline.Json;

namespace AtolOnline.Batch.PostgreSql.Tests;

/// <summary>What the queue commands tell a user who got something wrong: one line, the right exit code, no password.</summary>
public sealed class QueueCliErrorTests(PostgresServer server)
{
    [Fact]
    public async Task No_connection_string_is_a_usage_error()
    {
        var (exit, _, err) = await AtolCli.RunAsync("queue", "status");
        Assert.Equal(2, exit);
        Assert.Contains("--postgres", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_database_is_one_line_with_exit_1_and_never_shows_the_password()
    {
        var (exit, _, err) = await AtolCli.RunAsync("queue", "status", "--postgres", $"Host=127.0.0.1;Port={server.Port + 1};Username=atol;Password=s3cret-pw;Timeout=2");
        Assert.Equal(1, exit);
        Assert.StartsWith("atol: база данных:", err, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-pw", err, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_queue_name_and_a_missing_input_are_usage_errors()
    {
        var badName = await AtolCli.RunAsync("queue", "status", "--postgres", server.ConnectionString, "--queue", "Orders; DROP TABLE x");
        Assert.Equal(2, badName.Exit);
        Assert.Contains("--queue", badName.Err, StringComparison.Ordinal);
        var missing = await AtolCli.RunAsync("queue", "push", Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}.jsonl"), "--operation", "sell", "--postgres", server.ConnectionString);
        Assert.Equal(2, missing.Exit);
        Assert.Contains("файл не найден", missing.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Push_with_an_invalid_line_adds_the_valid_ones_and_exits_1_naming_the_line()
    {
        var (source, store) = server.NewQueue("clipush");
        await using var _ = source;
        string input = Path.Combine(Path.GetTempPath(), $"atol-queue-{Guid.NewGuid():N}.jsonl");
        await File.WriteAllLinesAsync(input, [AtolJson.ToJsonString(QueueFixtures.Sell(1, "cli-1")), "{ broken", AtolJson.ToJsonString(QueueFixtures.Sell(2, "cli-2"))], QueueFixtures.Ct);
        try
        {
            var (exit, stdout, err) = await AtolCli.RunAsync("queue", "push", input, "--operation", "sell", "--postgres", server.ConnectionString, "--queue", store.Name);
            Assert.Equal(1, exit);
            Assert.Contains("добавлено 2", stdout, StringComparison.Ordinal);
            Assert.Contains("строка 2: invalid", err, StringComparison.Ordinal);
            Assert.Equal(2L, (await store.GetStatusAsync(QueueFixtures.Ct)).Pending);
        }
        finally
        {
            File.Delete(input);
        }
    }
}
