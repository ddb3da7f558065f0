namespace AtolOnline.Emulator;

/// <summary>Settings of one emulator instance. Every member has a default that mirrors ATOL's test environment.</summary>
public sealed class EmulatorOptions
{
    /// <summary>TCP port on 127.0.0.1; 0 (the default) picks a free one.</summary>
    public int Port { get; set; }

    /// <summary>
    /// Seed of the random choices that make a run reproducible: uuids, register numbers, fiscal attributes and fault
    /// draws. Same seed, same run. Tokens are not drawn from it: they come from a cryptographic source.
    /// </summary>
    public int Seed { get; set; } = 20240124;

    /// <summary>Whether ATOL's public test accounts (<see cref="EmulatorAccount.TestV4"/>, <see cref="EmulatorAccount.TestV5"/>) are present.</summary>
    public bool IncludeTestAccounts { get; set; } = true;

    /// <summary>More accounts, in addition to the test accounts.</summary>
    public IList<EmulatorAccount> Accounts { get; } = [];

    /// <summary>A JSON file with more accounts (see <see cref="EmulatorAccount.LoadFile"/>), read at start.</summary>
    public string? AccountsFile { get; set; }

    /// <summary>Lifetime of a token from its issue; ATOL: 24 h.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// Mean emulator-clock time a register takes for one document, once it has taken it from the queue; 2 s by
    /// default (a real register needs seconds per receipt). Each document's time is drawn around it, see
    /// <see cref="ProcessingJitter"/>.
    /// </summary>
    public TimeSpan ProcessingDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Spread of processing times as a fraction of <see cref="ProcessingDelay"/>: each document takes a time drawn
    /// uniformly from ProcessingDelay × [1 − jitter, 1 + jitter] with the seeded generator (same seed, same times).
    /// 0.25 by default; 0 gives every document exactly <see cref="ProcessingDelay"/>. From 0 to 1.
    /// </summary>
    public double ProcessingJitter { get; set; } = 0.25;

    /// <summary>
    /// Cash registers per group, for accounts that do not set <see cref="EmulatorAccount.Registers"/>; 4 by default.
    /// Each register processes one document at a time; documents wait for a free register in a FIFO queue per group.
    /// </summary>
    public int Registers { get; set; } = 4;

    /// <summary>
    /// Longest wait in a group's queue; a document still waiting for a register after it fails with ATOL's error
    /// type <c>timeout</c>, code 1 («Превышено время ожидания чека в очереди»). ATOL: 300 s.
    /// </summary>
    public TimeSpan QueueTimeout { get; set; } = TimeSpan.FromSeconds(300);

    /// <summary>
    /// ATOL allows one report request per second per register of the group, but does not document what it answers
    /// to more. Off (the default): extra requests are counted (<see cref="AtolEmulator.GetStats"/>) and answered
    /// normally, so a test can see a client exceed the limit. On: a report request beyond the limit within one
    /// clock second gets HTTP 429 with <c>Retry-After</c> (our choice, not ATOL's documented behaviour).
    /// </summary>
    public bool EnforceReportLimit { get; set; }

    /// <summary>How long reports of v4 documents stay readable; ATOL: 32 days.</summary>
    public TimeSpan ReportRetentionV4 { get; set; } = TimeSpan.FromDays(32);

    /// <summary>How long reports of v5 documents stay readable; ATOL: 30 days.</summary>
    public TimeSpan ReportRetentionV5 { get; set; } = TimeSpan.FromDays(30);

    /// <summary>The underlying clock; the system clock by default. The emulator wraps it in an <see cref="EmulatorClock"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Offset of the local time written in <c>dd.MM.yyyy HH:mm:ss</c> timestamps; Moscow (UTC+3) by default.</summary>
    public TimeSpan TimestampOffset { get; set; } = TimeSpan.FromHours(3);

    /// <summary>Fault rules in force from the start (more can be added while running).</summary>
    public IList<FaultRule> Faults { get; } = [];

    /// <summary>Largest accepted request body in bytes; larger ones get error 40 with HTTP 413. 1 MiB by default.</summary>
    public int MaxRequestBodySize { get; set; } = 1024 * 1024;

    /// <summary>Whether callbacks may go to hosts other than loopback addresses (off: they are recorded, not sent).</summary>
    public bool AllowExternalCallbacks { get; set; }

    /// <summary>Timeout of one callback POST (real time).</summary>
    public TimeSpan CallbackTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often (real time) the background worker looks for documents whose processing is due.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// Off (the default): like ATOL, registration refuses (code 32) only what the schema forbids, and sums, totals and
    /// payments are left to the register, which fails the document later (driver errors 16, 52, 66, 227...). On: every
    /// rule of the library's validators, cross-field rules included, refuses the document with code 32.
    /// </summary>
    public bool StrictValidation { get; set; }

    /// <summary>
    /// How many request timestamps the request log keeps (<see cref="AtolEmulator.GetRequests"/>); later requests are
    /// still counted, without their time. 1,000,000 by default (about 16 MB).
    /// </summary>
    public int RequestLogCapacity { get; set; } = 1_000_000;

    /// <summary>Whether the <c>/emulator/</c> control surface is mapped (on by default).</summary>
    public bool EnableControlApi { get; set; } = true;
}
