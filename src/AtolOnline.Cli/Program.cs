using System.CommandLine;
using AtolOnline.Cli.Commands;

namespace AtolOnline.Cli;

/// <summary>The <c>atol</c> command-line tool.</summary>
public static class Program
{
    /// <summary>Entry point: exit code 0 success, 1 invalid document or failed work, 2 usage or input error.</summary>
    public static int Main(string[] args)
    {
        var root = new RootCommand("atol: ATOL Online from the command line (validate documents, run the demo).")
        {
            ValidateCommand.Create(),
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

        return parse.Invoke();
    }
}
