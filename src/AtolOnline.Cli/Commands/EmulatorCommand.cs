using System.CommandLine;
using System.Runtime.InteropServices;
using AtolOnline.Emulator;

namespace AtolOnline.Cli.Commands;

/// <summary><c>atol emulator [--port N] [--seed S] [--fault ENDPOINT:KIND:PROBABILITY]...</c>: runs until Ctrl+C.</summary>
internal static class EmulatorCommand
{
    public static Command Create()
    {
        var port = new Option<int>("--port") { Description = "Port on 127.0.0.1 (0 = a free one).", DefaultValueFactory = _ => 0 };
        var seed = new Option<int>("--seed") { Description = "Seed of the fault injection (runs repeat).", DefaultValueFactory = _ => 20240124 };
        var delay = new Option<double>("--processing-delay") { Description = "Seconds from registration to the final report.", DefaultValueFactory = _ => 2 };
        var faults = new Option<string[]>("--fault")
        {
            Description = "ENDPOINT:KIND:PROBABILITY, e.g. register:503:0.2 or report:drop:0.05. Endpoints: token, register, report, monitoring. "
                + "Kinds: 500, 502, 503, delay, hang, drop, malformed, expire-token.",
            AllowMultipleArgumentsPerToken = false,
        };
        var command = new Command("emulator", "Run a local ATOL Online (v4, v5, monitoring) on 127.0.0.1 until Ctrl+C; prints its base address first.")
        {
            port, seed, delay, faults,
        };
        command.SetAction(async (parse, ct) =>
        {
            var options = new EmulatorOptions
            {
                Port = parse.GetValue(port),
                Seed = parse.GetValue(seed),
                ProcessingDelay = TimeSpan.FromSeconds(parse.GetValue(delay)),
            };
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
