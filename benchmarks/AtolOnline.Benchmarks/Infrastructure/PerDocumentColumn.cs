using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace AtolOnline.Benchmarks.Infrastructure;

/// <summary>The median divided by the <c>Count</c> parameter: time per document, to see whether it stays flat.</summary>
public sealed class PerDocumentColumn : IColumn
{
    /// <inheritdoc/>
    public string Id => nameof(PerDocumentColumn);

    /// <inheritdoc/>
    public string ColumnName => "Median/doc";

    /// <inheritdoc/>
    public bool AlwaysShow => true;

    /// <inheritdoc/>
    public ColumnCategory Category => ColumnCategory.Custom;

    /// <inheritdoc/>
    public int PriorityInCategory => 0;

    /// <inheritdoc/>
    public bool IsNumeric => true;

    /// <inheritdoc/>
    public UnitType UnitType => UnitType.Dimensionless;

    /// <inheritdoc/>
    public string Legend => "Median divided by Count: time per document";

    /// <inheritdoc/>
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    /// <inheritdoc/>
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(benchmarkCase);
        var statistics = summary[benchmarkCase]?.ResultStatistics;
        if (statistics is null || benchmarkCase.Parameters["Count"] is not int count || count == 0)
        {
            return "-";
        }

        return (statistics.Median / count / 1000).ToString("N2", CultureInfo.InvariantCulture) + " us";
    }

    /// <inheritdoc/>
    public bool IsAvailable(Summary summary) => true;

    /// <inheritdoc/>
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}

/// <summary>Adds <see cref="PerDocumentColumn"/> to a benchmark class.</summary>
public sealed class PerDocumentConfig : ManualConfig
{
    /// <summary>Creates the config.</summary>
    public PerDocumentConfig() => AddColumn(new PerDocumentColumn());
}
