using System.CommandLine;
using AtolOnline.Batch;
using AtolOnline.Cli.Commands;

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
            ServiceCommands.Kkt(),
            BatchCommand.Create(),
            JournalCommand.Create(),
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
        catch (JournalWriteException ex)
        {
            Console.Error.WriteLine("atol: " + ex.Message);
            return 1;
        }
        catch (JournalCorruptException ex)
        {
            Console.Error.WriteLine("atol: " + ex.Message);
            return 2;
        }
        catch (JournalLockedException ex)
        {
            Console.Error.WriteLine("atol: " + ex.Message);
            return 2;
        }
        catch (UsageException ex)
        {
            Console.Error.WriteLine("atol: " + ex.Message);
            return 2;
        }
        catch (AtolJsonException ex)
        {
            Console.Error.WriteLine("atol: " + ex.Message);
            return 2;
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
        catch (AtolApiException ex)
        {
            Console.Error.WriteLine("atol: " + ex.Message);
            return 1;
        }
        catch (HttpRequestException ex)
        {
            Console.Error.WriteLine("atol: нет связи с сервисом: " + ex.Message);
            return 1;
        }
        catch (TimeoutException ex)
        {
            Console.Error.WriteLine("atol: " + ex.Message);
            return 1;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A file that cannot be opened, read or written: one line, never a stack trace.
            Console.Error.WriteLine("atol: " + ex.Message);
            return 2;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("atol: прервано");
            return 130;
        }
    }
}
