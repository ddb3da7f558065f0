using System.CommandLine;
using AtolOnline.Batch;
using AtolOnline.Cli.Commands;
using AtolOnline.Validation;
using AtolOnline.Json;

namespace AtolOnline.Cli;

/// <summary>The <c>atol</c> command-line tool.</summary>
public static class Program
{
    /// <summary>Entry point: 0 success; 1 invalid document or unfinished work; 2 usage or input error.</summary>
    public static int Main(string[] args)
    {
        var root = new RootCommand("atol: ATOL Online from the command line: validate documents, run the emulator, send and fiscalize batches.")
        {
            ValidateCommand.Create(),
            ServiceCommands.Send(),
            ServiceCommands.Report(),
            CheckCommand.Create(),
            ServiceCommands.Kkt(),
            BatchCommand.Create(),
            JournalCommand.Create(),
            QueueCommand.Create(),
            WorkerCommand.Create(),
            EmulatorCommand.Create(),
            DemoCommand.Create(),
        };

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                Console.Error.WriteLine("atol: " + error.Message);
            }

            return 2;
        }

        try
        {
            // Our own handlers below print one clear line; System.CommandLine's would print a stack trace.
            return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (AtolValidationException ex)
        {
            Console.Error.WriteLine("atol: " + ex.Message);
            foreach (var violation in ex.Result.Violations)
            {
                Console.Error.WriteLine("  " + violation);
            }

            return 1;
        }
        catch (HttpRequestException ex)
        {
            Console.Error.WriteLine("atol: нет связи с сервисом: " + ex.Message);
            return 1;
        }
        catch (Exception ex) when (ExitCodeFor(ex) is { } code)
        {
            // Every failure a user can meet prints one line, never a stack trace.
            Console.Error.WriteLine("atol: " + ex.Message);
            return code;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("atol: прервано");
            return 130;
        }
    }

    /// <summary>
    /// 1: the work did not finish (the service refused or failed, the journal could not record a change); 2: bad input,
    /// a damaged or locked journal, or a file that cannot be opened, read or written. Null: not ours to explain.
    /// </summary>
    private static int? ExitCodeFor(Exception ex) => ex switch
    {
        JournalWriteException or AtolApiException or TimeoutException => 1,
        JournalCorruptException or JournalLockedException or UsageException or AtolJsonException or IOException or UnauthorizedAccessException => 2,
        _ => null,
    };
}
