using System.Diagnostics;
using System.Text;

namespace AtolOnline.Batch.PostgreSql.Tests;

/// <summary>Runs the <c>atol</c> tool as a child process.</summary>
internal static class AtolCli
{
    public const string Password = "zUr0OxfI";

    public static Process Start(IEnumerable<string> args, StringBuilder stdout, StringBuilder stderr)
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

        start.Environment["ATOL_PASSWORD"] = Password;
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => Append(stdout, e.Data);
        process.ErrorDataReceived += (_, e) => Append(stderr, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    public static async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        using var process = Start(args, stdout, stderr);
        await process.WaitForExitAsync(QueueFixtures.Ct);
        process.WaitForExit(); // drains the redirected streams
        return (process.ExitCode, Text(stdout), Text(stderr));
    }

    public static string Text(StringBuilder builder)
    {
        lock (builder)
        {
            return builder.ToString();
        }
    }

    /// <summary>Arguments of <c>atol worker</c> against the emulator at <paramref name="baseAddress"/>, with test timings.</summary>
    public static string[] Worker(Uri baseAddress, string connection, string queue) =>
    [
        "worker", "--postgres", connection, "--queue", queue, "--base-url", baseAddress.ToString(),
        "--login", "v5-online-atol-ru", "--group", QueueFixtures.Group,
        "--rps", "0", "--registers", "1000", "--max-in-flight", "16", "--lease", "2", "--heartbeat", "0.5", "--retry-delay", "0.2", "--poll-interval", "0.02",
    ];

    private static void Append(StringBuilder builder, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (builder)
        {
            builder.AppendLine(line);
        }
    }
}
