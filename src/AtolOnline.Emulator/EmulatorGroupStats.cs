namespace AtolOnline.Emulator;

/// <summary>
/// What one group of registers did so far (<see cref="AtolEmulator.GetStats"/>, <c>GET /emulator/stats</c>).
/// Request counts start over with <see cref="AtolEmulator.ClearRequests"/>; document counts cover the whole run.
/// </summary>
public sealed class EmulatorGroupStats
{
    /// <summary>Cash registers of the group.</summary>
    public required int Registers { get; init; }

    /// <summary>Registers online now (an offline register takes no documents).</summary>
    public required int OnlineRegisters { get; init; }

    /// <summary>Registration requests received for the group (new, duplicate or refused), counted on arrival.</summary>
    public required long Registrations { get; init; }

    /// <summary>Documents the group accepted (registrations that stored a new document).</summary>
    public required long Accepted { get; init; }

    /// <summary>Report requests received for the group, counted on arrival (refused ones included).</summary>
    public required long ReportRequests { get; init; }

    /// <summary>
    /// The most report requests of the group within any one second of the emulator clock. ATOL allows one per
    /// second per register, so a client within the limit keeps this at most <see cref="Registers"/>.
    /// </summary>
    public required int MaxReportRequestsPerSecond { get; init; }

    /// <summary>Report requests answered 429 because <see cref="EmulatorOptions.EnforceReportLimit"/> is on.</summary>
    public required long ReportRequestsRefused { get; init; }

    /// <summary>Documents waiting in the group's queue for a free register.</summary>
    public required int QueueLength { get; init; }

    /// <summary>Documents on a register now.</summary>
    public required int Processing { get; init; }

    /// <summary>Documents finished <c>done</c>.</summary>
    public required long Done { get; init; }

    /// <summary>Documents finished <c>fail</c> (register or agent errors and queue timeouts).</summary>
    public required long Failed { get; init; }

    /// <summary>Of <see cref="Failed"/>: documents that waited in the queue longer than <see cref="EmulatorOptions.QueueTimeout"/>.</summary>
    public required long TimedOut { get; init; }
}
