using System.Buffers;
using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using AtolOnline.Cli.Demo;

namespace AtolOnline.Cli.Commands;

/// <summary>
/// <c>atol demo [--count N]</c>: generates realistic v5 documents, validates them, writes each into a reused buffer,
/// reads it back and checks the round trip, then prints a summary with throughput and allocations.
/// </summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var count = new Option<int>("--count") { Description = "Number of documents.", DefaultValueFactory = _ => 2000 };
        count.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 10_000_000)
            {
                r.AddError("--count must be between 1 and 10000000");
            }
        });
        var command = new Command("demo", "Generate, validate, serialize and re-read realistic receipts; print a summary.") { count };
        command.SetAction(parse => Run(parse.GetValue(count)));
        return command;
    }

    private static int Run(int count)
    {
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        using var writer = new Utf8JsonWriter(buffer, AtolJson.WriterOptions);
        int valid = 0, invalid = 0, roundTrips = 0, corrections = 0;
        long bytes = 0;
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < count; i++)
        {
            bool isCorrection = i % 10 == 9;
            ValidationResult result;
            buffer.ResetWrittenCount();
            writer.Reset();
            if (isCorrection)
            {
                var doc = SampleDocuments.SellCorrection(i, 2 + (i % 5));
                result = doc.Validate();
                doc.WriteTo(writer);
                writer.Flush();
                roundTrips += AtolJson.Parse<V5.CorrectionRequest>(buffer.WrittenSpan).Equals(doc) ? 1 : 0;
                corrections++;
            }
            else
            {
                var doc = SampleDocuments.Sell(i, 2 + (i % 7));
                result = doc.Validate();
                doc.WriteTo(writer);
                writer.Flush();
                roundTrips += AtolJson.Parse<V5.ReceiptRequest>(buffer.WrittenSpan).Equals(doc) ? 1 : 0;
            }

            bytes += buffer.WrittenCount;
            if (result.IsValid)
            {
                valid++;
            }
            else
            {
                invalid++;
                if (invalid <= 3)
                {
                    Console.Error.WriteLine($"document {i}: {result.Violations[0]}");
                }
            }
        }

        clock.Stop();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        Console.WriteLine($"documents: {count} (receipts {count - corrections}, corrections {corrections})");
        Console.WriteLine($"valid: {valid}, invalid: {invalid}, round trips equal: {roundTrips}");
        Console.WriteLine($"JSON written: {bytes / 1024.0:F1} KiB, {count / clock.Elapsed.TotalSeconds:F0} documents/s (build + validate + write + read)");
        Console.WriteLine($"allocated per document (building and re-reading included): {allocated / count} B");
        return invalid == 0 && roundTrips == count ? 0 : 1;
    }
}
