using System.Collections;
using System.Reflection;
using Microsoft.CodeAnalysis;

namespace AtolOnline.Generators.Tests;

public sealed class IncrementalTests
{
    private static readonly string[] TrackedSteps = [SchemaGenerator.Steps.Files, SchemaGenerator.Steps.Models, SchemaGenerator.Steps.Types];

    [Fact]
    public void Second_run_over_unchanged_input_is_fully_cached_and_models_hold_no_roslyn_objects()
    {
        var files = GeneratorHarness.RepositorySchemas().Select(f => (AdditionalText)new InMemoryAdditionalText(f.Path, f.Text)).ToArray();
        var compilation = GeneratorHarness.NewCompilation();
        var driver = GeneratorHarness.CreateDriver(files).RunGenerators(compilation, TestContext.Current.CancellationToken);
        var first = driver.GetRunResult().Results.Single();

        // A new but equal compilation (as after an edit elsewhere in the project) must not re-run anything.
        driver = driver.RunGenerators(compilation.Clone(), TestContext.Current.CancellationToken);
        var second = driver.GetRunResult().Results.Single();

        foreach (var step in TrackedSteps)
        {
            Assert.True(first.TrackedSteps.ContainsKey(step), "step not tracked: " + step);
            foreach (var run in first.TrackedSteps[step])
            {
                foreach (var (value, _) in run.Outputs)
                {
                    AssertNoRoslynObjects(value, step, depth: 0);
                }
            }

            foreach (var run in second.TrackedSteps[step])
            {
                foreach (var (_, reason) in run.Outputs)
                {
                    Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step}: {reason}");
                }
            }
        }

        Assert.All(second.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(r => r.Outputs),
            o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    [Fact]
    public void Editing_one_folder_leaves_the_other_folders_types_cached()
    {
        var schemas = GeneratorHarness.RepositorySchemas();
        var files = schemas.Select(f => (AdditionalText)new InMemoryAdditionalText(f.Path, f.Text)).ToArray();
        var compilation = GeneratorHarness.NewCompilation();
        var driver = GeneratorHarness.CreateDriver(files).RunGenerators(compilation, TestContext.Current.CancellationToken);

        int index = Array.FindIndex(schemas, s => s.Path.EndsWith("/v4/token-request.schema.json", StringComparison.Ordinal));
        var edited = schemas[index].Text.Replace("\"maxLength\": 100", "\"maxLength\": 99", StringComparison.Ordinal);
        Assert.NotEqual(schemas[index].Text, edited);
        driver = driver.ReplaceAdditionalText(files[index], new InMemoryAdditionalText(schemas[index].Path, edited));
        driver = driver.RunGenerators(compilation, TestContext.Current.CancellationToken);
        var result = driver.GetRunResult().Results.Single();

        var typeOutputs = result.TrackedSteps[SchemaGenerator.Steps.Types].SelectMany(r => r.Outputs).ToList();
        var v5 = typeOutputs.Where(o => o.Value.ToString()!.Contains("AtolOnline.V5", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(v5);
        Assert.All(v5, o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged));
        Assert.Contains(typeOutputs, o => o.Reason == IncrementalStepRunReason.Modified);
    }

    private static void AssertNoRoslynObjects(object? value, string step, int depth)
    {
        if (value is null || depth > 12 || value is string || value.GetType().IsPrimitive || value is Enum)
        {
            return;
        }

        Assert.False(value is Compilation or ISymbol or SyntaxNode or SyntaxTree or AdditionalText or SemanticModel,
            $"{step} holds a {value.GetType().Name}");
        if (value is IEnumerable sequence)
        {
            foreach (var item in sequence)
            {
                AssertNoRoslynObjects(item, step, depth + 1);
            }

            return;
        }

        foreach (var field in value.GetType().GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            AssertNoRoslynObjects(field.GetValue(value), step, depth + 1);
        }
    }
}
