namespace AtolOnline.Client.Tests;

/// <summary>
/// Tests that start the <c>atol</c> command line as a child process run alone, not beside the other classes: a starting
/// .NET process takes the machine's cores for a moment, and the load tests next to it should not compete with that.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ChildProcessGroup
{
    public const string Name = "child processes";
}
