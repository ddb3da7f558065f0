using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace AtolOnline.Client.Tests;

/// <summary>
/// A minimal HTTP/1.1 server on 127.0.0.1 that records every request it receives (head and body, as text) and answers
/// each with the raw response its responder returns for it, closing the connection. Enough to play a redirecting host and
/// the host a redirect points to.
/// </summary>
internal sealed class LoopbackServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly Func<string, string> _respond;
    private int _connections;

    public LoopbackServer(Func<string, string> respond)
    {
        _respond = respond;
        _listener.Start();
        _loop = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public Uri Address => new($"http://127.0.0.1:{Port}/");

    /// <summary>TCP connections accepted so far (a connection counts even if no request arrives on it).</summary>
    public int Connections => Volatile.Read(ref _connections);

    public ConcurrentQueue<string> Requests { get; } = new();

    public static string Redirect(int status, string location) =>
        $"HTTP/1.1 {status} Redirect\r\nLocation: {location}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";

    public static string Ok(string json) =>
        $"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {Encoding.UTF8.GetByteCount(json)}\r\nConnection: close\r\n\r\n{json}";

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopping the listener ends the accept loop.
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            Interlocked.Increment(ref _connections);
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var received = new MemoryStream();
                var buffer = new byte[8192];
                int headEnd = -1;
                int contentLength = 0;
                bool chunked = false;
                while (true)
                {
                    int n = await stream.ReadAsync(buffer, _stop.Token);
                    if (n == 0)
                    {
                        break;
                    }

                    received.Write(buffer, 0, n);
                    string text = Encoding.UTF8.GetString(received.GetBuffer(), 0, (int)received.Length);
                    if (headEnd < 0)
                    {
                        headEnd = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
                        if (headEnd >= 0)
                        {
                            foreach (string line in text[..headEnd].Split("\r\n"))
                            {
                                if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
                                {
                                    contentLength = int.Parse(line["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
                                }

                                chunked |= line.StartsWith("Transfer-Encoding:", StringComparison.OrdinalIgnoreCase) && line.Contains("chunked", StringComparison.OrdinalIgnoreCase);
                            }
                        }
                    }

                    if (headEnd >= 0 && (chunked ? text.EndsWith("\r\n0\r\n\r\n", StringComparison.Ordinal) : received.Length >= headEnd + 4 + contentLength))
                    {
                        break;
                    }
                }

                string request = Encoding.UTF8.GetString(received.GetBuffer(), 0, (int)received.Length);
                Requests.Enqueue(request);
                await stream.WriteAsync(Encoding.UTF8.GetBytes(_respond(request)), _stop.Token);
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or SocketException)
            {
                // The client went away; nothing to record.
            }
        }
    }
}
