namespace AtolOnline.Emulator;

/// <summary>
/// One fault rule. Either a <see cref="Kind"/> that strikes with <see cref="Probability"/> (at most
/// <see cref="MaxCount"/> times), or a scripted <see cref="Sequence"/>: the n-th request to the endpoint gets the n-th
/// step, and after the last step the rule is spent. Rules are tried in the order they were added; the first that
/// strikes wins. Random draws come from the emulator's seeded generator, so a run is repeatable.
/// </summary>
public sealed record FaultRule
{
    /// <summary>The endpoint this rule watches.</summary>
    public required FaultEndpoint Endpoint { get; init; }

    /// <summary>The fault of a probabilistic rule (ignored when <see cref="Sequence"/> is set).</summary>
    public FaultKind Kind { get; init; }

    /// <summary>Chance (0 to 1) that a probabilistic rule strikes on a request; 1 by default.</summary>
    public double Probability { get; init; } = 1;

    /// <summary>How many times a probabilistic rule may strike; unlimited when null.</summary>
    public int? MaxCount { get; init; }

    /// <summary>A scripted sequence of steps, <see cref="FaultKind.None"/> meaning "answer normally".</summary>
    public IReadOnlyList<FaultKind>? Sequence { get; init; }

    /// <summary>For <see cref="FaultEndpoint.Register"/>: before or after the document is stored.</summary>
    public FaultTiming Timing { get; init; } = FaultTiming.BeforeStore;

    /// <summary>How long <see cref="FaultKind.Delay"/> holds the answer (real time); 1 s by default.</summary>
    public TimeSpan Delay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>A rule that strikes every time with <paramref name="kind"/>.</summary>
    public static FaultRule Always(FaultEndpoint endpoint, FaultKind kind, FaultTiming timing = FaultTiming.BeforeStore) =>
        new() { Endpoint = endpoint, Kind = kind, Timing = timing };

    /// <summary>A rule that strikes <paramref name="count"/> times in a row with <paramref name="kind"/>, then passes.</summary>
    public static FaultRule Times(FaultEndpoint endpoint, FaultKind kind, int count, FaultTiming timing = FaultTiming.BeforeStore) =>
        new() { Endpoint = endpoint, Kind = kind, MaxCount = count, Timing = timing };

    /// <summary>A scripted rule: step n applies to the n-th request.</summary>
    public static FaultRule Script(FaultEndpoint endpoint, params FaultKind[] steps) =>
        new() { Endpoint = endpoint, Sequence = steps };

    /// <summary>
    /// Parses <c>ENDPOINT:KIND:PROBABILITY</c> (the command line's form), e.g. <c>register:503:0.2</c>; endpoints and
    /// kinds are named as in the control API.
    /// </summary>
    /// <exception cref="FormatException">The text is not such a rule.</exception>
    public static FaultRule Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(':');
        if (parts.Length != 3)
        {
            throw new FormatException($"\"{text}\": expected ENDPOINT:KIND:PROBABILITY, e.g. register:503:0.2");
        }

        if (!Internal.ControlApi.TryEndpoint(parts[0], out var endpoint))
        {
            throw new FormatException($"\"{text}\": unknown endpoint \"{parts[0]}\" (token, register, report, monitoring)");
        }

        if (!double.TryParse(parts[2], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double probability) || probability is < 0 or > 1)
        {
            throw new FormatException($"\"{text}\": the probability must be a number from 0 to 1");
        }

        return new FaultRule { Endpoint = endpoint, Kind = Internal.ControlApi.Kind(parts[1]), Probability = probability };
    }
}
