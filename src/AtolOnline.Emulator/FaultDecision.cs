namespace AtolOnline.Emulator;

/// <summary>A fault that struck one request.</summary>
/// <param name="Kind">What happens.</param>
/// <param name="Timing">Before or after storing (register only).</param>
/// <param name="Delay">The delay of <see cref="FaultKind.Delay"/>.</param>
public readonly record struct FaultDecision(FaultKind Kind, FaultTiming Timing, TimeSpan Delay);
