using System.Globalization;
using System.Runtime.CompilerServices;
using FsCheck;
using Microsoft.FSharp.Core;

namespace AtolOnline.Core.Tests.SchemaDriven;

/// <summary>
/// Runs every FsCheck property of this project with one seed per test run, so that a failure can be replayed.
/// </summary>
/// <remarks>
/// The seed is <c>ATOL_FSCHECK_SEED</c> when set (a decimal number), otherwise the UTC date as <c>yyyyMMdd</c>: every run of a
/// day checks the same cases (a red CI run is reproduced by running it again the same day), and each day explores new ones.
/// A failure names the seed and the command that replays it. Each property mixes its own name into the seed, so that
/// properties with similar generators do not check the same cases.
/// </remarks>
internal static class PropertyRun
{
    public const string SeedVariable = "ATOL_FSCHECK_SEED";

    /// <summary>The seed of this run.</summary>
    public static ulong Seed { get; } = ReadSeed(Environment.GetEnvironmentVariable(SeedVariable), DateTime.UtcNow);

    /// <summary>Checks <paramref name="property"/> for <paramref name="tests"/> cases from the run's seed; a failure names the seed.</summary>
    public static void Check(Property property, int tests, [CallerMemberName] string name = "")
    {
        var replay = new Replay(new Rnd(PropertySeed(Seed, name)), FSharpOption<int>.None);
        var config = Config.QuickThrowOnFailure.WithMaxTest(tests).WithReplay(FSharpOption<Replay>.Some(replay));
        try
        {
            property.Check(config);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            throw new Xunit.Sdk.XunitException(
                $"Property {name} failed with seed {Seed.ToString(CultureInfo.InvariantCulture)}; replay it with {SeedVariable}={Seed.ToString(CultureInfo.InvariantCulture)}.\n{failure.Message}",
                failure);
        }
    }

    /// <summary>The seed for a run: the variable when set, otherwise the date; a malformed variable is an error, never ignored.</summary>
    internal static ulong ReadSeed(string? variable, DateTime utcNow)
    {
        if (string.IsNullOrWhiteSpace(variable))
        {
            return ulong.Parse(utcNow.ToString("yyyyMMdd", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        }

        return ulong.TryParse(variable.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out ulong seed)
            ? seed
            : throw new InvalidOperationException($"{SeedVariable} must be a decimal number, not '{variable}'");
    }

    /// <summary>The run's seed mixed with the property's name (FNV-1a), stable across processes unlike string.GetHashCode.</summary>
    internal static ulong PropertySeed(ulong seed, string name)
    {
        ulong hash = 14695981039346656037UL;
        foreach (char c in name)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return seed ^ hash;
    }
}
