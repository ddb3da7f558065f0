using System.CommandLine;
using AtolOnline.Batch;

namespace AtolOnline.Cli.Commands;

/// <summary>
/// <c>atol journal verify FILE</c> (every damaged line; exit 0 clean, 1 damaged, 2 unusable) and
/// <c>atol journal repair FILE</c> (explicit: keeps a backup, keeps every good line, drops and names each damaged one).
/// </summary>
internal static class JournalCommand
{
    public static Command Create()
    {
        var command = new Command("journal", "Check or repair a batch journal (the record of what was fiscalized).");
        command.Subcommands.Add(Verify());
        command.Subcommands.Add(Repair());
        return command;
    }

    private static Command Verify()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "The journal." };
        var command = new Command("verify", "Check every line (checksum, shape, state) without changing anything. Exit 0 clean, 1 damaged lines, 2 unreadable.") { file };
        command.SetAction(async (parse, ct) =>
        {
            var path = Existing(parse.GetValue(file)!);
            var result = await FileBatchJournal.VerifyAsync(path, problem => Console.WriteLine($"{path}: {problem}"), ct);
            if (result.LinesWithoutChecksum > 0)
            {
                Console.WriteLine($"{path}: {result.LinesWithoutChecksum} lines of an older version without checksum (checked for shape and state only)");
            }

            if (result.TornTailBytes > 0)
            {
                Console.WriteLine($"{path}: the last line is torn ({result.TornTailBytes} bytes without line feed, as after a crash mid-write): it is cut when the journal is next opened");
            }

            Console.WriteLine(result.IsClean
                ? $"{path}: {result.Lines} lines, all good"
                : $"{path}: {result.Lines} lines, {result.Problems} damaged; a batch refuses this journal. Keep it; `atol journal repair {path}` drops the damaged lines (with a backup)");
            return result.IsClean ? 0 : 1;
        });
        return command;
    }

    private static Command Repair()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "The journal." };
        var command = new Command("repair", "Drop damaged lines: the journal is first copied to FILE.bak-<time>; every good line is kept; each dropped line is listed.") { file };
        command.SetAction(async (parse, ct) =>
        {
            var path = Existing(parse.GetValue(file)!);
            var result = await FileBatchJournal.RepairAsync(path, problem => Console.WriteLine($"{path}: dropped {problem}"), cancellationToken: ct);
            if (result.BackupPath is null)
            {
                Console.WriteLine($"{path}: {result.Kept} lines, all good: nothing to repair");
                return 0;
            }

            Console.WriteLine($"{path}: kept {result.Kept} lines, dropped {result.Dropped}"
                + (result.ChecksumsAdded > 0 ? $", added checksums to {result.ChecksumsAdded} lines of an older version" : "")
                + (result.TornTailBytes > 0 ? $", cut a torn last line ({result.TornTailBytes} bytes)" : "")
                + $"; the journal as it was: {result.BackupPath}");
            if (result.Dropped > 0)
            {
                Console.WriteLine("A dropped line's document falls back to its earlier state: a rerun polls it (sent) or sends it again (pending: ATOL answers it as a duplicate only while it keeps the document). Compare the dropped lines with the backup before resuming.");
            }

            return 0;
        });
        return command;
    }

    private static string Existing(FileInfo file)
    {
        if (Directory.Exists(file.FullName))
        {
            throw new UsageException($"{file.FullName}: это каталог, а не журнал");
        }

        return file.Exists ? file.FullName : throw new UsageException($"{file.FullName}: файл не найден");
    }
}
