namespace AtolOnline.Core.Tests;

/// <summary>Tests that change the process-wide <see cref="AtolTime.Offset"/> run alone, after the parallel ones.</summary>
[CollectionDefinition(nameof(AtolTimeOffsetTests), DisableParallelization = true)]
public sealed class AtolTimeOffsetGroup;
