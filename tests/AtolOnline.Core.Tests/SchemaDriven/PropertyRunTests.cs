using FsCheck;
using FsCheck.Fluent;

namespace AtolOnline.Core.Tests.SchemaDriven;

/// <summary>The run's seed is settable, replays the same cases, and is named when a property fails.</summary>
public sealed class PropertyRunTests
{
    [Fact]
    public void Seed_comes_from_the_variable_or_else_from_the_utc_date()
    {
        var date = new DateTime(2026, 12, 1, 23, 59, 0, DateTimeKind.Utc);
        Assert.Equal(20261201UL, PropertyRun.ReadSeed(null, date));
        Assert.Equal(20261201UL, PropertyRun.ReadSeed(" ", date));
        Assert.Equal(42UL, PropertyRun.ReadSeed("42", date));
        Assert.Equal(18446744073709551615UL, PropertyRun.ReadSeed(" 18446744073709551615 ", date));
        var bad = Assert.Throws<InvalidOperationException>(() => PropertyRun.ReadSeed("0x2A", date));
        Assert.Contains(PropertyRun.SeedVariable, bad.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => PropertyRun.ReadSeed("-1", date));
    }

    [Fact]
    public void The_same_seed_checks_the_same_cases_and_another_name_other_cases()
    {
        Assert.Equal(Cases("a property"), Cases("a property"));
        Assert.NotEqual(Cases("a property"), Cases("another property"));
        Assert.Equal(PropertyRun.PropertySeed(7, "x"), PropertyRun.PropertySeed(7, "x"));
        Assert.NotEqual(PropertyRun.PropertySeed(7, "x"), PropertyRun.PropertySeed(8, "x"));
    }

    [Fact]
    public void A_failure_names_the_seed_and_how_to_replay_it()
    {
        var failure = Assert.ThrowsAny<Exception>(() => PropertyRun.Check(Prop.ForAll(Gen.Choose(0, 1000).ToArbitrary(), n => n < 500), 200, "fails above 500"));
        Assert.Contains($"{PropertyRun.SeedVariable}={PropertyRun.Seed}", failure.Message, StringComparison.Ordinal);
        Assert.Contains("fails above 500", failure.Message, StringComparison.Ordinal);
    }

    private static List<int> Cases(string name)
    {
        var seen = new List<int>();
        PropertyRun.Check(Prop.ForAll(Gen.Choose(0, 1_000_000).ToArbitrary(), n => seen.Add(n)), 30, name);
        return seen;
    }
}
