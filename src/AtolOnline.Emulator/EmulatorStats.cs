namespace AtolOnline.Emulator;

/// <summary>A snapshot of what each group of registers did (<see cref="AtolEmulator.GetStats"/>).</summary>
/// <example>
/// <code>
/// var group = atol.GetStats().Groups["v5-online-atol-ru_5179"];
/// Assert.True(group.MaxReportRequestsPerSecond &lt;= group.Registers);   // ATOL's report limit kept
/// </code>
/// </example>
public sealed class EmulatorStats
{
    /// <summary>Creates a snapshot over <paramref name="groups"/>.</summary>
    public EmulatorStats(IReadOnlyDictionary<string, EmulatorGroupStats> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        Groups = groups;
    }

    /// <summary>The figures per group code.</summary>
    public IReadOnlyDictionary<string, EmulatorGroupStats> Groups { get; }
}
