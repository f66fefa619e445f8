using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace MotCua.Web.Features.Exchange;

/// <summary>One record of an import body as read: the record, or why it could not be read. <paramref name="Index"/>
/// counts from 0 in the order of the body; <paramref name="Fatal"/> means the body cannot be read any further.</summary>
public sealed record ReadRecord(long Index, SyncRecord? Record, string? Error, bool Fatal = false);

/// <summary>Reads an import body one record at a time, never the whole body: a JSON array (element by element) or JSON
/// lines (one record a line). A record of the wrong shape is reported and the next one read; broken JSON syntax in an
/// array stops the reading there.</summary>
public static class SyncRecordReader
{
    /// <summary>The body is not a JSON array at all: nothing could be read.</summary>
    public sealed class UnreadableException(string message) : Exception(message);

    public static async IAsyncEnumerable<ReadRecord> ReadArrayAsync(Stream body, [EnumeratorCancellation] CancellationToken ct)
    {
        var elements = JsonSerializer.DeserializeAsyncEnumerable<JsonElement>(body, SyncRecordJson.Options, ct).GetAsyncEnumerator(ct);
        long index = 0;
        try
        {
            while (true)
            {
                JsonElement element;
                string? broken = null;
                try
                {
                    if (!await elements.MoveNextAsync()) yield break;
                    element = elements.Current;
                }
                catch (JsonException e)
                {
                    if (index == 0)
                        throw new UnreadableException(
                            "Nội dung gửi lên không phải là một mảng JSON các bản ghi đồng bộ hồ sơ" + Where(e) +
                            ". Gửi mảng JSON ([ {...}, {...} ]), hoặc JSON lines với Content-Type: application/x-ndjson.");
                    broken = "Tệp không đúng cú pháp JSON từ đây" + Where(e) + ": các bản ghi từ vị trí này trở đi không được đọc.";
                    element = default;
                }
                if (broken is not null)
                {
                    yield return new ReadRecord(index, null, broken, Fatal: true);
                    yield break;
                }
                yield return Parse(index++, element);
            }
        }
        finally
        {
            await elements.DisposeAsync();
        }
    }

    public static async IAsyncEnumerable<ReadRecord> ReadLinesAsync(Stream body, [EnumeratorCancellation] CancellationToken ct)
    {
        using var reader = new StreamReader(body, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 64 * 1024, leaveOpen: true);
        long index = 0;
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            ReadRecord read;
            try
            {
                using var doc = JsonDocument.Parse(line, new JsonDocumentOptions { MaxDepth = 16 });
                read = Parse(index, doc.RootElement);
            }
            catch (JsonException e)
            {
                read = new ReadRecord(index, null, "Dòng này không phải là một đối tượng JSON hợp lệ" + Where(e) + ".");
            }
            index++;
            yield return read;
        }
    }

    private static ReadRecord Parse(long index, JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
            return new ReadRecord(index, null, "Bản ghi phải là một đối tượng JSON ({ \"MaHoSo\": ..., ... }).");
        try
        {
            return new ReadRecord(index, element.Deserialize<SyncRecord>(SyncRecordJson.Options), null);
        }
        catch (JsonException e)
        {
            var field = e.Path is { Length: > 2 } path ? $" ở trường {path[2..]}" : "";
            return new ReadRecord(index, null, $"Giá trị sai kiểu dữ liệu{field}: mã, trạng thái, kênh, cờ 0/1 và số tiền là số nguyên; ngày, tên và mã là chuỗi; danh sách là mảng.");
        }
    }

    private static string Where(JsonException e) =>
        e.LineNumber is { } line ? $" (dòng {line + 1}, ký tự {(e.BytePositionInLine ?? 0) + 1})" : "";
}
