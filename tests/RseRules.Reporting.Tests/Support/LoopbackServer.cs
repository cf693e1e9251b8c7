using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace RseRules.Reporting.Tests.Support;

/// <summary>
/// A TCP server on 127.0.0.1 (a free port) that counts every connection, not only complete HTTP requests (a preconnect
/// counts too), and answers each with a small HTTP response carrying <see cref="Token"/>: a stylesheet for a path ending
/// in <c>.css</c>, else an HTML page. It sends nothing anywhere and stops when disposed.
/// </summary>
public sealed class LoopbackServer : IDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private readonly ConcurrentQueue<string> requests = new();
    private readonly Task accepting;
    private int connections;

    public LoopbackServer()
    {
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        accepting = Task.Run(AcceptAsync);
    }

    /// <summary>The port listened on.</summary>
    public int Port { get; }

    /// <summary>What every response carries, so that a response that reached the PDF can be seen in its text.</summary>
    public string Token { get; } = "LOOPBACK" + Guid.NewGuid().ToString("N");

    /// <summary>How many connections were accepted (counted on accepting, before anything is read).</summary>
    public int Connections => Volatile.Read(ref connections);

    /// <summary>The first line of each connection (its request line, or what came), one per connection.</summary>
    public IReadOnlyCollection<string> Requests => requests;

    public void Dispose()
    {
        stop.Cancel();
        listener.Stop();
        try
        {
            accepting.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The accept loop ends with the listener.
        }

        stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            Interlocked.Increment(ref connections);
            _ = Task.Run(() => AnswerAsync(client));
        }
    }

    private async Task AnswerAsync(TcpClient client)
    {
        using (client)
        {
            var line = "(no request line)";
            try
            {
                var stream = client.GetStream();
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                var reader = new StreamReader(stream, Encoding.ASCII, false, 1024, leaveOpen: true);
                line = await reader.ReadLineAsync(timeout.Token) ?? line;
                var css = line.Split(' ').ElementAtOrDefault(1)?.EndsWith(".css", StringComparison.Ordinal) == true;
                var body = css ? $"body::after {{ content: \"{Token}\" }}" : $"<!DOCTYPE html><p>{Token}</p>";
                var response = $"HTTP/1.1 200 OK\r\nContent-Type: {(css ? "text/css" : "text/html")}\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\nConnection: close\r\n\r\n{body}";
                await stream.WriteAsync(Encoding.UTF8.GetBytes(response), timeout.Token);
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or SocketException)
            {
                // A connection counts even when nothing useful came through it.
            }
            finally
            {
                requests.Enqueue(line);
            }
        }
    }
}
