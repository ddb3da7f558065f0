using System.Diagnostics;
using System.Text;

namespace AtolOnline.Batch.Tests;

/// <summary>Runs the <c>atol</c> tool as a child process.</summary>
internal static class AtolCli
{
    public static Process Start(IEnumerable<string> args, StringBuilder? stdout = null, StringBuilder? stderr = null, IDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "atol.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => Append(stdout, e.Data);
        process.ErrorDataReceived += (_, e) => Append(stderr, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Runs to the end: exit code, standard output and standard error.</summary>
    public static async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        using var process = Start(args, stdout, stderr);
        await process.WaitForExitAsync(BatchFixtures.Ct);
        process.WaitForExit(); // drains the redirected streams
        lock (stdout)
        {
            lock (stderr)
            {
                return (process.ExitCode, stdout.ToString(), stderr.ToString());
            }
        }
    }

    /// <summary>Arguments of <c>atol batch</c> against the emulator at <paramref name="baseAddress"/>.</summary>
    public static string[] Batch(Uri baseAddress, string input, string journal, string output, params string[] more) =>
    [
        "batch", input, "--operation", "sell", "--journal", journal, "--out", output, "--base-url", baseAddress.ToString(),
        "--login", "v5-online-atol-ru", "--group", "v5-online-atol-ru_5179", .. more,
    ];

    public static Dictionary<string, string> Password => new() { ["ATOL_PASSWORD"] = "zUr0OxfI" };

    private static void Append(StringBuilder? builder, string? line)
    {
        if (builder is null || line is null)
        {
            return;
        }

        lock (builder)
        {
            builder.AppendLine(line);
        }
    }
}
