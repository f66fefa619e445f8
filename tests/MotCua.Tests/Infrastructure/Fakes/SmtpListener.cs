using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace MotCua.Tests.Infrastructure.Fakes;

/// <summary>A tiny SMTP server on a real localhost port: the mail server at the process edge. It speaks enough of
/// RFC 5321 for System.Net.Mail (EHLO, MAIL, RCPT, DATA, RSET, NOOP, QUIT), records each message's raw DATA, and can
/// refuse the next messages with a temporary error.</summary>
public sealed partial class SmtpListener : IDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<ReceivedMail> _messages = new();
    private int _rejectNext;

    private SmtpListener()
    {
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _ = AcceptAsync();
    }

    public static SmtpListener Start() => new();

    public int Port { get; }

    public IReadOnlyList<ReceivedMail> Messages => [.. _messages];

    /// <summary>The next <paramref name="count"/> messages get "451 try again later" at MAIL FROM.</summary>
    public void RejectNext(int count) => Interlocked.Exchange(ref _rejectNext, count);

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        var ct = _stop.Token;
        try
        {
            var stream = client.GetStream();
            using var reader = new StreamReader(stream, new UTF8Encoding(false), false, 1024, leaveOpen: true);
            await using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1024, leaveOpen: true) { NewLine = "\r\n", AutoFlush = true };
            await writer.WriteLineAsync("220 localhost ESMTP MotCua test listener");
            string? from = null;
            var to = new List<string>();
            while (await reader.ReadLineAsync(ct) is { } line)
            {
                var verb = line.Length >= 4 ? line[..4].ToUpperInvariant() : line.ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO":
                        await writer.WriteLineAsync("250-localhost\r\n250-8BITMIME\r\n250 SIZE 10485760");
                        break;
                    case "HELO":
                    case "NOOP":
                        await writer.WriteLineAsync("250 OK");
                        break;
                    case "RSET":
                        (from, to) = (null, []);
                        await writer.WriteLineAsync("250 OK");
                        break;
                    case "MAIL":
                        if (Interlocked.Decrement(ref _rejectNext) >= 0)
                        {
                            await writer.WriteLineAsync("451 4.3.0 Try again later");
                            break;
                        }
                        Interlocked.Exchange(ref _rejectNext, 0);
                        from = Address(line);
                        to = [];
                        await writer.WriteLineAsync("250 OK");
                        break;
                    case "RCPT":
                        to.Add(Address(line));
                        await writer.WriteLineAsync("250 OK");
                        break;
                    case "DATA":
                        await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                        var data = new StringBuilder();
                        while (await reader.ReadLineAsync(ct) is { } dataLine && dataLine != ".")
                            data.Append(dataLine.StartsWith("..", StringComparison.Ordinal) ? dataLine[1..] : dataLine).Append("\r\n");
                        _messages.Enqueue(new ReceivedMail(from ?? "", [.. to], data.ToString()));
                        (from, to) = (null, []);
                        await writer.WriteLineAsync("250 2.0.0 OK queued");
                        break;
                    case "QUIT":
                        await writer.WriteLineAsync("221 Bye");
                        return;
                    default:
                        await writer.WriteLineAsync("502 Command not implemented");
                        break;
                }
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The client hung up or the listener is stopping.
        }
    }

    private static string Address(string line) => AddressPattern().Match(line) is { Success: true } m ? m.Groups[1].Value : "";

    [GeneratedRegex("<([^>]*)>")]
    private static partial Regex AddressPattern();

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
    }
}

/// <summary>One message as the server received it, with the MIME decoding a test needs: RFC 2047 encoded words in
/// headers, base64 or quoted-printable bodies, and the charset they name.</summary>
public sealed partial record ReceivedMail(string From, IReadOnlyList<string> To, string Data)
{
    private (Dictionary<string, string> Headers, string Body) Parsed
    {
        get
        {
            var split = Data.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            var head = split < 0 ? Data : Data[..split];
            var body = split < 0 ? "" : Data[(split + 4)..];
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            string? last = null;
            foreach (var line in head.Split("\r\n"))
            {
                if (line.Length > 0 && (line[0] == ' ' || line[0] == '\t') && last is not null)
                    headers[last] += line;
                else if (line.IndexOf(':', StringComparison.Ordinal) is > 0 and var colon)
                    headers[last = line[..colon].Trim()] = line[(colon + 1)..].TrimStart();
            }
            return (headers, body);
        }
    }

    public string? Header(string name) => Parsed.Headers.TryGetValue(name, out var value) ? value : null;

    public string? RawSubject => Header("Subject");

    public string Subject => DecodeWords(Header("Subject") ?? "");

    public string? MessageId => Header("Message-ID");

    public string Body
    {
        get
        {
            var (headers, body) = Parsed;
            var charset = headers.TryGetValue("Content-Type", out var type) && CharsetPattern().Match(type) is { Success: true } m ? m.Groups[1].Value : "us-ascii";
            var encoding = Encoding.GetEncoding(charset);
            var transfer = headers.TryGetValue("Content-Transfer-Encoding", out var t) ? t.Trim().ToLowerInvariant() : "7bit";
            return transfer switch
            {
                "base64" => encoding.GetString(Convert.FromBase64String(body.Replace("\r\n", "", StringComparison.Ordinal))),
                "quoted-printable" => encoding.GetString(QuotedPrintable(body.Replace("=\r\n", "", StringComparison.Ordinal))),
                _ => body,
            };
        }
    }

    private static string DecodeWords(string value)
    {
        // Whitespace between two encoded words is folding, not text (RFC 2047 §6.2).
        var joined = BetweenWords().Replace(value, "?==?");
        return EncodedWord().Replace(joined, m =>
        {
            var encoding = Encoding.GetEncoding(m.Groups[1].Value);
            var text = m.Groups[3].Value;
            return string.Equals(m.Groups[2].Value, "B", StringComparison.OrdinalIgnoreCase)
                ? encoding.GetString(Convert.FromBase64String(text))
                : encoding.GetString(QuotedPrintable(text.Replace('_', ' ')));
        });
    }

    private static byte[] QuotedPrintable(string text)
    {
        var bytes = new List<byte>();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '=' && i + 2 < text.Length)
            {
                bytes.Add(Convert.ToByte(text.Substring(i + 1, 2), 16));
                i += 2;
            }
            else bytes.AddRange(Encoding.UTF8.GetBytes(text[i].ToString()));
        }
        return [.. bytes];
    }

    [GeneratedRegex(@"\?=\s+=\?")]
    private static partial Regex BetweenWords();

    [GeneratedRegex(@"=\?([^?]+)\?([BbQq])\?([^?]*)\?=")]
    private static partial Regex EncodedWord();

    [GeneratedRegex(@"charset=""?([^"";\s]+)""?", RegexOptions.IgnoreCase)]
    private static partial Regex CharsetPattern();
}
