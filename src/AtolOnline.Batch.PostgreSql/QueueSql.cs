using System.Text.RegularExpressions;

namespace AtolOnline.Batch.PostgreSql;

/// <summary>The SQL of one queue: its table names are the queue's name (checked: a plain identifier), quoted.</summary>
internal sealed partial class QueueSql
{
    public const string States = "('pending', 'sent')";

    public QueueSql(string queueName)
    {
        if (!Identifier().IsMatch(queueName))
        {
            throw new ArgumentException("a queue name is 1 to 48 characters: lowercase Latin letters, digits and _, starting with a letter or _", nameof(queueName));
        }

        Name = queueName;
        Table = $"\"{queueName}\"";
        Workers = $"\"{queueName}_workers\"";
    }

    public string Name { get; }

    /// <summary>The documents table.</summary>
    public string Table { get; }

    /// <summary>The workers' heartbeats.</summary>
    public string Workers { get; }

    /// <summary>
    /// Migrations by version; each runs once per queue, in order, in one transaction with the version update, under an
    /// advisory lock (so two workers starting together cannot both apply one).
    /// </summary>
    public IReadOnlyList<string> Migrations =>
    [
        // 1: the queue and the workers' heartbeats.
        $"""
        CREATE TABLE {Table} (
            external_id text PRIMARY KEY,
            operation text NOT NULL,
            protocol text NOT NULL CHECK (protocol IN ('v4', 'v5')),
            request text NOT NULL,
            content_hash text NOT NULL,
            state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'done', 'failed')),
            uuid text,
            fn_number text,
            fiscal_document_number bigint,
            fiscal_document_attribute bigint,
            total numeric,
            error text,
            attempts integer NOT NULL DEFAULT 0,
            lease_owner text,
            lease_expires timestamptz,
            created_at timestamptz NOT NULL DEFAULT now(),
            sent_at timestamptz,
            finished_at timestamptz,
            updated_at timestamptz NOT NULL DEFAULT now()
        );
        CREATE INDEX "{Name}_open" ON {Table} (protocol, created_at, external_id) WHERE state IN ('pending', 'sent');
        CREATE INDEX "{Name}_lease_owner" ON {Table} (lease_owner) WHERE lease_owner IS NOT NULL;
        CREATE INDEX "{Name}_finished" ON {Table} (state, finished_at);
        CREATE TABLE {Workers} (
            worker_id text PRIMARY KEY,
            started_at timestamptz NOT NULL DEFAULT now(),
            last_seen timestamptz NOT NULL DEFAULT now()
        );
        """,

        // 2: the final state 'unresolved': registered under its uuid, but ATOL no longer keeps its report (never sent
        // again). Version 1 named the state check after PostgreSQL's default for a column constraint.
        $"""
        ALTER TABLE {Table} DROP CONSTRAINT IF EXISTS "{Name}_state_check";
        ALTER TABLE {Table} ADD CONSTRAINT "{Name}_state_check" CHECK (state IN ('pending', 'sent', 'done', 'failed', 'unresolved'));
        """,
    ];

    /// <summary>
    /// Claims up to @limit open documents of @protocol whose lease is free or expired: row locks taken with SKIP LOCKED,
    /// so concurrent claims never wait for each other nor take the same row; the lease is written in the same statement.
    /// </summary>
    public string Claim => $"""
        WITH c AS (
            SELECT external_id, lease_owner AS previous_owner FROM {Table}
            WHERE state IN ('pending', 'sent') AND protocol = @protocol AND (lease_expires IS NULL OR lease_expires < now())
            ORDER BY created_at, external_id
            LIMIT @limit
            FOR UPDATE SKIP LOCKED)
        UPDATE {Table} AS q
        SET lease_owner = @worker, lease_expires = now() + @lease, attempts = q.attempts + 1, updated_at = now()
        FROM c WHERE q.external_id = c.external_id
        RETURNING q.external_id, q.operation, q.request, q.state, q.uuid, c.previous_owner
        """;

    /// <summary>The fence before a send: the document is still pending and this worker's lease has @margin left.</summary>
    public string Pending => $"""
        UPDATE {Table} SET updated_at = now()
        WHERE external_id = @id AND state = 'pending' AND lease_owner = @worker AND lease_expires > now() + @margin
        """;

    public string Sent => $"""
        UPDATE {Table} SET state = 'sent', uuid = @uuid, sent_at = now(), updated_at = now()
        WHERE external_id = @id AND state IN ('pending', 'sent')
        """;

    public string Final => $"""
        UPDATE {Table}
        SET state = @state, uuid = coalesce(@uuid, uuid), fn_number = @fn, fiscal_document_number = @fd, fiscal_document_attribute = @fpd,
            total = @total, error = @error, finished_at = now(), updated_at = now(), lease_owner = NULL, lease_expires = NULL
        WHERE external_id = @id AND state IN ('pending', 'sent')
        """;

    /// <summary>Gives a document back to the queue (not final): claimable again after @delay, by any worker.</summary>
    public string Release => $"""
        UPDATE {Table} SET lease_owner = NULL, lease_expires = now() + @delay, error = @error, updated_at = now()
        WHERE external_id = @id AND lease_owner = @worker AND state IN ('pending', 'sent')
        """;

    public string ReleaseAll => $"""
        UPDATE {Table} SET lease_owner = NULL, lease_expires = NULL, updated_at = now()
        WHERE lease_owner = @worker AND state IN ('pending', 'sent')
        """;

    public string Heartbeat => $"""
        INSERT INTO {Workers} (worker_id) VALUES (@worker)
        ON CONFLICT (worker_id) DO UPDATE SET last_seen = now()
        """;

    public string Renew => $"""
        UPDATE {Table} SET lease_expires = now() + @lease
        WHERE lease_owner = @worker AND state IN ('pending', 'sent')
        """;

    public string LiveWorkers => $"SELECT count(*) FROM {Workers} WHERE last_seen > now() - @live";

    public string ForgetWorker => $"DELETE FROM {Workers} WHERE worker_id = @worker OR last_seen < now() - interval '1 day'";

    public string OpenCount => $"SELECT count(*) FROM {Table} WHERE state IN ('pending', 'sent') AND protocol = @protocol";

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,47}$")]
    private static partial Regex Identifier();
}
