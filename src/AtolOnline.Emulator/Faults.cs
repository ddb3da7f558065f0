namespace AtolOnline.Emulator;

/// <summary>The endpoints a fault can be aimed at.</summary>
public enum FaultEndpoint
{
    /// <summary><c>possystem/{v4|v5}/getToken</c> (POST and GET).</summary>
    Token,

    /// <summary><c>possystem/{v4|v5}/{group}/{operation}</c>: document registration.</summary>
    Register,

    /// <summary><c>possystem/{v4|v5}/{group}/report/{uuid}</c>.</summary>
    Report,

    /// <summary>Every <c>api/...</c> endpoint of the monitoring API, its gettoken included.</summary>
    Monitoring,
}

/// <summary>What a fault does to one request.</summary>
public enum FaultKind
{
    /// <summary>No fault (a pass step in a scripted <see cref="FaultRule.Sequence"/>).</summary>
    None,

    /// <summary>HTTP 500 with ATOL's code-50 body (<c>Ошибка сервера. Обратитесь к Администратору.</c>).</summary>
    Status500,

    /// <summary>HTTP 502 with a proxy's HTML page, as a gateway in front of the service answers.</summary>
    Status502,

    /// <summary>HTTP 503 with a proxy's HTML page.</summary>
    Status503,

    /// <summary>The answer comes after <see cref="FaultRule.Delay"/> (real time), otherwise unchanged.</summary>
    Delay,

    /// <summary>No answer at all until the client gives up (or the emulator stops).</summary>
    Hang,

    /// <summary>The headers and part of the body are sent, then the connection is aborted.</summary>
    Drop,

    /// <summary>The normal answer with its JSON cut in the middle (status and headers intact).</summary>
    Malformed,

    /// <summary>The token of the request expires just before it is handled (on getToken: the issued token is already expired).</summary>
    ExpireToken,
}

/// <summary>When a fault on <see cref="FaultEndpoint.Register"/> strikes relative to storing the document.</summary>
public enum FaultTiming
{
    /// <summary>Before: the document is not stored (a retry registers it for the first time).</summary>
    BeforeStore,

    /// <summary>After: the document is stored and queued, only the answer is lost (a retry gets error 33 with its uuid).</summary>
    AfterStore,
}

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

/// <summary>A fault that struck one request.</summary>
/// <param name="Kind">What happens.</param>
/// <param name="Timing">Before or after storing (register only).</param>
/// <param name="Delay">The delay of <see cref="FaultKind.Delay"/>.</param>
public readonly record struct FaultDecision(FaultKind Kind, FaultTiming Timing, TimeSpan Delay);

/// <summary>The emulator's fault rules: add, clear and inspect them while it runs.</summary>
public sealed class FaultInjector
{
    private readonly Lock _sync = new();
    private readonly List<RuleState> _rules = [];
    private readonly Random _random;

    internal FaultInjector(int seed, IEnumerable<FaultRule> initial)
    {
        _random = new Random(seed);
        foreach (var rule in initial)
        {
            Add(rule);
        }
    }

    /// <summary>The rules in force, in the order they are tried.</summary>
    public IReadOnlyList<FaultRule> Rules
    {
        get
        {
            lock (_sync)
            {
                return _rules.Select(r => r.Rule).ToArray();
            }
        }
    }

    /// <summary>How many faults struck so far, per endpoint.</summary>
    public int Struck(FaultEndpoint endpoint)
    {
        lock (_sync)
        {
            return _struck.TryGetValue(endpoint, out var n) ? n : 0;
        }
    }

    private readonly Dictionary<FaultEndpoint, int> _struck = [];

    /// <summary>Adds a rule after the existing ones.</summary>
    /// <exception cref="ArgumentException">The rule is inconsistent (probability outside 0-1, negative count or delay).</exception>
    public void Add(FaultRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (rule.Probability is < 0 or > 1 || double.IsNaN(rule.Probability))
        {
            throw new ArgumentException("Probability must be between 0 and 1.", nameof(rule));
        }

        if (rule.MaxCount is < 0 || rule.Delay < TimeSpan.Zero)
        {
            throw new ArgumentException("MaxCount and Delay must not be negative.", nameof(rule));
        }

        lock (_sync)
        {
            _rules.Add(new RuleState(rule));
        }
    }

    /// <summary>Removes every rule (of one endpoint, when given).</summary>
    public void Clear(FaultEndpoint? endpoint = null)
    {
        lock (_sync)
        {
            _rules.RemoveAll(r => endpoint is null || r.Rule.Endpoint == endpoint);
        }
    }

    /// <summary>Decides the fault for the next request to <paramref name="endpoint"/> (null: none).</summary>
    internal FaultDecision? Next(FaultEndpoint endpoint)
    {
        lock (_sync)
        {
            foreach (var state in _rules)
            {
                var rule = state.Rule;
                if (rule.Endpoint != endpoint)
                {
                    continue;
                }

                FaultKind kind;
                if (rule.Sequence is { } sequence)
                {
                    if (state.Used >= sequence.Count)
                    {
                        continue;
                    }

                    kind = sequence[state.Used++];
                }
                else
                {
                    if (rule.MaxCount is { } max && state.Used >= max)
                    {
                        continue;
                    }

                    // Always draw, so that the sequence of draws depends only on the sequence of requests.
                    double draw = _random.NextDouble();
                    if (draw >= rule.Probability)
                    {
                        continue;
                    }

                    state.Used++;
                    kind = rule.Kind;
                }

                if (kind == FaultKind.None)
                {
                    return null;
                }

                _struck[endpoint] = (_struck.TryGetValue(endpoint, out var n) ? n : 0) + 1;
                return new FaultDecision(kind, rule.Timing, rule.Delay);
            }

            return null;
        }
    }

    private sealed class RuleState(FaultRule rule)
    {
        public FaultRule Rule { get; } = rule;

        public int Used { get; set; }
    }
}
