using System.CommandLine;
using System.Runtime.InteropServices;
using AtolOnline.Emulator;

namespace AtolOnline.Cli.Commands;

/// <summary><c>atol emulator [--port N] [--seed S] [--registers N] [--processing-delay S] [--fault ENDPOINT:KIND:PROBABILITY]...</c>: runs until Ctrl+C.</summary>
internal static class EmulatorCommand
{
    public static Command Create()
    {
        var port = new Option<int>("--port") { Description = "Port on 127.0.0.1 (0 = a free one).", DefaultValueFactory = _ => 0 };
        var seed = new Option<int>("--seed") { Description = "Seed of the fault injection (runs repeat).", DefaultValueFactory = _ => 20240124 };
        var delay = new Option<double>("--processing-delay") { Description = "Mean seconds a register takes for one document.", DefaultValueFactory = _ => 2 };
        var jitter = new Option<double>("--processing-jitter")
        {
            Description = "Spread of processing times: uniform in delay x [1 - j, 1 + j], seeded (0 = exact).",
            DefaultValueFactory = _ => 0.25,
        };
        var registers = new Option<int>("--registers") { Description = "Cash registers per group (each processes one document at a time).", DefaultValueFactory = _ => 4 };
        var enforceReportLimit = new Option<bool>("--enforce-report-limit")
        {
            Description = "Answer report requests beyond 1 per second per register with HTTP 429 (ATOL documents no answer; default: count them).",
        };
        var faults = new Option<string[]>("--fault")
        {
            Description = "ENDPOINT:KIND:PROBABILITY, e.g. register:503:0.2 or report:drop:0.05. Endpoints: token, register, report, monitoring. "
                + "Kinds: 500, 502, 503, delay, hang, drop, malformed, expire-token.",
            AllowMultipleArgumentsPerToken = false,
        };
        var command = new Command("emulator", "Run a local ATOL Online (v4, v5, monitoring) on 127.0.0.1 until Ctrl+C; prints its base address first.")
        {
            port, seed, delay, jitter, registers, enforceReportLimit, faults,
        };
        command.SetAction(async (parse, ct) =>
        {
            var options = Options(parse.GetValue(port), parse.GetValue(seed), parse.GetValue(delay), parse.GetValue(jitter), parse.GetValue(registers));
            options.EnforceReportLimit = parse.GetValue(enforceReportLimit);
            foreach (var fault in parse.GetValue(faults) ?? [])
            {
                options.Faults.Add(ParseFault(fault));
            }

            await using var atol = await AtolEmulator.StartAsync(options, ct);
            Console.WriteLine(atol.BaseAddress.ToString());
            Console.Out.Flush();
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
            {
                context.Cancel = true;
                stop.Cancel();
            });
            try
            {
                await Task.Delay(Timeout.Infinite, stop.Token);
            }
            catch (OperationCanceledException)
            {
            }

            return 0;
        });
        return command;
    }

    private static EmulatorOptions Options(int port, int seed, double delaySeconds, double jitter, int registers)
    {
        if (registers is < 1 or > 1000)
        {
            throw new UsageException("--registers: 1-1000");
        }

        if (!double.IsFinite(delaySeconds) || delaySeconds < 0 || delaySeconds > TimeSpan.MaxValue.TotalSeconds / 2)
        {
            throw new UsageException("--processing-delay: seconds, 0 or more");
        }

        if (!(jitter >= 0 && jitter <= 1))
        {
            throw new UsageException("--processing-jitter: 0-1");
        }

        return new EmulatorOptions
        {
            Port = port,
            Seed = seed,
            ProcessingDelay = TimeSpan.FromSeconds(delaySeconds),
            ProcessingJitter = jitter,
            Registers = registers,
        };
    }

    private static FaultRule ParseFault(string text)
    {
        try
        {
            return FaultRule.Parse(text);
        }
        catch (FormatException ex)
        {
            throw new UsageException("--fault " + ex.Message);
        }
    }
}
