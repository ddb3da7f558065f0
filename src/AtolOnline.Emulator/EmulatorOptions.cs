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

    /// <summary>Emulator-clock time from registration to the end of processing (<c>wait</c> to <c>done</c>/<c>fail</c>); 2 s by default.</summary>
    public TimeSpan ProcessingDelay { get; set; } = TimeSpan.FromSeconds(2);

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
