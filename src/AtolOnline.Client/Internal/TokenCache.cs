using System.Collections.Concurrent;

namespace AtolOnline.Internal;

// Decision 8 (schemas/DECISIONS.md).
/// <summary>
/// Tokens shared by every client of the process, one per (host, login, password, kind): possystem v4, possystem v5 and
/// the monitoring API each have their own. One refresh at a time per key.
/// </summary>
internal static class TokenCache
{
    private static readonly ConcurrentDictionary<Key, Slot> Slots = new();

    public static Slot Get(Uri host, string login, string password, string kind) =>
        Slots.GetOrAdd(new Key(host.GetLeftPart(UriPartial.Authority), login, password, kind), static _ => new Slot());

    // The key holds the password so that a client with another password never reuses a token; it is never printed.
    private readonly record struct Key(string Host, string Login, string Password, string Kind)
    {
        public override string ToString() => Host + " " + Login + " " + Kind;
    }

    internal sealed class Slot
    {
        private string? _token;

        public SemaphoreSlim Gate { get; } = new(1, 1);

        /// <summary>How many tokens were fetched for this key (for tests and diagnostics).</summary>
        public int Fetches;

        public string? Token => Volatile.Read(ref _token);

        public void Set(string token)
        {
            Volatile.Write(ref _token, token);
            Interlocked.Increment(ref Fetches);
        }
    }
}
