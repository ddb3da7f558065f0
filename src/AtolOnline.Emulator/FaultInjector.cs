namespace AtolOnline.Emulator;

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
