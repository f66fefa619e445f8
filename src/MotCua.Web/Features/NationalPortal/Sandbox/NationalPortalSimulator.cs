using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using MotCua.Web.Features.Exchange;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.NationalPortal.Sandbox;

/// <summary>A local stand-in for the national public-service portal's exchange, for development, the demo and the tests —
/// never served in Production (<see cref="NationalPortalModule.MapNationalPortal"/>). It issues client-credentials tokens,
/// receives sync records and judges them as the national side would (the import's <see cref="RecordValidation"/> against
/// the catalog and agency codes, plus the order of statuses and revisions), keeps every delivery in memory (what it
/// kept, what it refused and why), files results into its citizen's store, and submits dossiers to the province's
/// intake with a file. By configuration (NationalPortal:Simulator) it is slow, down (503), rejects everything, or
/// delivers each submitted dossier twice at once.</summary>
public sealed class NationalPortalSimulator(IOptionsMonitor<NationalPortalOptions> options, IServiceScopeFactory scopes, IHttpClientFactory http,
    IServer server, TimeProvider clock, ILogger<NationalPortalSimulator> logger)
{
    public const string Root = "/sandbox/dvcqg";
    public const string HttpClientName = "dvcqg-simulator";

    /// <summary>One delivery of a sync record, as the portal logged it.</summary>
    public sealed record Delivery(string Key, string? MaHoSo, int Revision, int? TrangThaiHoSo, DateTime AtUtc, bool Kept, bool Duplicate,
        IReadOnlyList<string> Errors, SyncRecord Record);

    /// <summary>A result filed into a citizen's store on the portal (766 indicator 6.5), with what fetching its file by the
    /// record's link gave (the HTTP status, the bytes' length), as the portal copies it into the store.</summary>
    public sealed record StoredResult(string IdNumber, string MaHoSo, string? Name, string? Address, DateTime AtUtc, int? FetchStatus = null, long? FetchedBytes = null);

    /// <summary>A rating received (each key once), or refused with the reasons.</summary>
    public sealed record RatingDelivery(string Key, RatingRecord Rating, DateTime AtUtc, bool Kept, bool Duplicate, IReadOnlyList<string> Errors);

    private readonly Lock _lock = new();
    private readonly List<Delivery> _deliveries = [];
    private readonly Dictionary<string, Delivery> _byKey = new(StringComparer.Ordinal);
    private readonly List<StoredResult> _store = [];
    private readonly List<RatingDelivery> _ratings = [];
    private readonly ConcurrentDictionary<string, DateTime> _tokens = new(StringComparer.Ordinal);
    private int _tokensIssued;

    private NationalPortalSimulatorOptions Options => options.CurrentValue.Simulator;

    public int TokensIssued => _tokensIssued;

    /// <summary>Every delivery, in the order received (duplicates and refusals included).</summary>
    public IReadOnlyList<Delivery> Deliveries { get { lock (_lock) return [.. _deliveries]; } }

    /// <summary>The records kept for a dossier, in the order received: each key once.</summary>
    public IReadOnlyList<Delivery> Kept(string maHoSo) { lock (_lock) return [.. _deliveries.Where(d => d.Kept && d.MaHoSo == maHoSo)]; }

    public IReadOnlyList<StoredResult> CitizenStore(string idNumber) { lock (_lock) return [.. _store.Where(s => s.IdNumber == idNumber)]; }

    /// <summary>Every rating delivery, in the order received.</summary>
    public IReadOnlyList<RatingDelivery> Ratings { get { lock (_lock) return [.. _ratings]; } }

    /// <summary>Forgets everything received (a fresh demo, a test's start); tokens stay valid.</summary>
    public void Clear()
    {
        lock (_lock)
        {
            _deliveries.Clear();
            _byKey.Clear();
            _store.Clear();
            _ratings.Clear();
        }
    }

    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Root).AllowAnonymous().ExcludeFromDescription().DisableAntiforgery();
        group.MapPost("/oauth/token", async (HttpContext context, NationalPortalSimulator s) => await s.TokenAsync(context));
        group.MapPost("/api/ho-so/dong-bo", async (HttpContext context, NationalPortalSimulator s) => await s.ReceiveAsync(context));
        group.MapPost("/api/ho-so/danh-gia", async (HttpContext context, NationalPortalSimulator s) => await s.ReceiveRatingAsync(context));
        group.MapGet("/", (NationalPortalSimulator s) => s.ShowPage(null));
        group.MapPost("/nop-ho-so", async (HttpContext context, NationalPortalSimulator s) =>
        {
            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            var result = await s.SubmitAsync(new Submission(form["maTTHC"].ToString(), form["noiNop"].ToString(), form["chuHoSo"].ToString(),
                form["soGiayTo"].ToString(), NullIfEmpty(form["soDienThoai"]), NullIfEmpty(form["email"]), form["thanhPhan"].ToString()), context.RequestAborted);
            return s.ShowPage(result);
        });
    }

    private static string? NullIfEmpty(Microsoft.Extensions.Primitives.StringValues value) => value.ToString() is { Length: > 0 } text ? text : null;

    // ---------------------------------------------------------------- token

    private async Task<IResult> TokenAsync(HttpContext context)
    {
        var form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync(context.RequestAborted) : null;
        if (form is null || form["grant_type"] != "client_credentials")
            return Results.Json(new { error = "unsupported_grant_type" }, statusCode: 400);
        if (!Same(form["client_id"].ToString(), Options.ClientId) || !Same(form["client_secret"].ToString(), Options.ClientSecret))
            return Results.Json(new { error = "invalid_client" }, statusCode: 401);
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        _tokens[token] = clock.GetUtcNow().UtcDateTime + Options.TokenLifetime;
        Interlocked.Increment(ref _tokensIssued);
        return Results.Json(new Dictionary<string, object>
        {
            ["access_token"] = token, ["token_type"] = "Bearer", ["expires_in"] = (int)Options.TokenLifetime.TotalSeconds,
        });
    }

    private static bool Same(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(a)), SHA256.HashData(Encoding.UTF8.GetBytes(b)));

    // ---------------------------------------------------------------- sync records

    private bool HasValidToken(HttpContext context)
    {
        var auth = context.Request.Headers.Authorization.ToString();
        return auth.StartsWith("Bearer ", StringComparison.Ordinal) && _tokens.TryGetValue(auth["Bearer ".Length..], out var expires)
               && expires > clock.GetUtcNow().UtcDateTime;
    }

    private async Task<IResult> ReceiveAsync(HttpContext context)
    {
        if (!HasValidToken(context)) return Results.Json(new { error = "invalid_token" }, statusCode: 401);
        var o = Options;
        if (o.Mode == SimulatorMode.Fail) return Results.Json(new { error = "Hệ thống đang bảo trì." }, statusCode: 503);
        if (o.Mode == SimulatorMode.Slow) await Task.Delay(o.Delay, context.RequestAborted);

        var key = context.Request.Headers[NationalPortalClient.IdempotencyHeader].ToString();
        SyncRecord? record;
        try
        {
            record = await context.Request.ReadFromJsonAsync<SyncRecord>(SyncRecordJson.Options, context.RequestAborted);
        }
        catch (JsonException)
        {
            record = null;
        }
        if (record is null || key.Length == 0)
            return Answer(false, false, ["Bản đồng bộ không đọc được, hoặc thiếu Idempotency-Key."], null, 400);
        var revision = int.TryParse(key[(key.LastIndexOf('-') + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var r) ? r : 0;

        var errors = o.Mode == SimulatorMode.Reject ? [o.RejectReason] : await ValidateAsync(record, context.RequestAborted);
        var now = clock.GetUtcNow().UtcDateTime;
        List<int> toFetch;
        lock (_lock)
        {
            if (_byKey.TryGetValue(key, out var seen) && seen.Kept)
            {
                // A retry of a record already kept: acknowledged again, kept once.
                _deliveries.Add(seen with { AtUtc = now, Kept = false, Duplicate = true });
                return Answer(true, true, [], seen.Key, 200);
            }
            if (errors.Count == 0) errors = OrderProblems(record, revision);
            var delivery = new Delivery(key, record.MaHoSo, revision, record.TrangThaiHoSo, now, errors.Count == 0, false, errors, record);
            _deliveries.Add(delivery);
            _byKey[key] = delivery;
            if (errors.Count > 0) return Answer(false, false, errors, null, 422);
            toFetch = FileResults(record, now);
        }
        // As the portal copies a result into the citizen's store: by the record's link, before answering.
        foreach (var index in toFetch)
        {
            StoredResult stored;
            lock (_lock) stored = _store[index];
            var (status, bytes) = await FetchAsync(stored.Address!, context.RequestAborted);
            lock (_lock)
            {
                // Cleared meanwhile (a test's start): nothing to note.
                if (index < _store.Count && ReferenceEquals(_store[index], stored)) _store[index] = stored with { FetchStatus = status, FetchedBytes = bytes?.LongLength };
            }
        }
        return Answer(true, false, [], key, 200);
    }

    /// <summary>GETs a file address from a record, as the national side would (no session, no cookie): the status and,
    /// when it was served, the bytes. At most 50 MB are read.</summary>
    public async Task<(int Status, byte[]? Bytes)> FetchAsync(string address, CancellationToken ct)
    {
        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")) return (0, null);
        using var client = http.CreateClient(HttpClientName);
        try
        {
            using var response = await client.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, ct);
            if (!response.IsSuccessStatusCode) return ((int)response.StatusCode, null);
            if (response.Content.Headers.ContentLength > 50_000_000) return ((int)response.StatusCode, null);
            return ((int)response.StatusCode, await response.Content.ReadAsByteArrayAsync(ct));
        }
        catch (HttpRequestException)
        {
            return (0, null);
        }
    }

    // ---------------------------------------------------------------- ratings

    private async Task<IResult> ReceiveRatingAsync(HttpContext context)
    {
        if (!HasValidToken(context)) return Results.Json(new { error = "invalid_token" }, statusCode: 401);
        var o = Options;
        if (o.Mode == SimulatorMode.Fail) return Results.Json(new { error = "Hệ thống đang bảo trì." }, statusCode: 503);
        var key = context.Request.Headers[NationalPortalClient.IdempotencyHeader].ToString();
        RatingRecord? rating;
        try
        {
            rating = await context.Request.ReadFromJsonAsync<RatingRecord>(SyncRecordJson.Options, context.RequestAborted);
        }
        catch (JsonException)
        {
            rating = null;
        }
        if (rating is null || key.Length == 0)
            return Answer(false, false, ["Bản đánh giá không đọc được, hoặc thiếu Idempotency-Key."], null, 400);
        var now = clock.GetUtcNow().UtcDateTime;
        lock (_lock)
        {
            var seen = _ratings.FirstOrDefault(r => r.Key == key && r.Kept);
            if (seen is not null)
            {
                _ratings.Add(seen with { AtUtc = now, Kept = false, Duplicate = true });
                return Answer(true, true, [], key, 200);
            }
            var errors = new List<string>();
            if (o.Mode == SimulatorMode.Reject) errors.Add(o.RejectReason);
            var dossier = _deliveries.LastOrDefault(d => d.Kept && d.MaHoSo == rating.MaHoSo);
            if (dossier is null) errors.Add($"Hồ sơ {rating.MaHoSo} chưa được đồng bộ lên Cổng: không thể đánh giá.");
            else if (dossier.TrangThaiHoSo != 10) errors.Add($"Hồ sơ {rating.MaHoSo} chưa trả kết quả (trạng thái {dossier.TrangThaiHoSo}): chỉ đánh giá hồ sơ đã trả kết quả.");
            if (rating.HaiLong is not (0 or 1)) errors.Add("HaiLong chỉ nhận 0 hoặc 1.");
            if (rating.DiemDanhGia is not (>= 1 and <= 5)) errors.Add("DiemDanhGia phải từ 1 đến 5.");
            if (!SyncRecordJson.TryParse(rating.NgayDanhGia, out var at)) errors.Add("NgayDanhGia không hợp lệ.");
            else if (_ratings.LastOrDefault(r => r.Kept && r.Rating.MaHoSo == rating.MaHoSo) is { } last
                     && SyncRecordJson.TryParse(last.Rating.NgayDanhGia, out var lastAt) && at < lastAt)
                errors.Add("Bản đánh giá cũ hơn bản đã nhận.");
            if ((rating.NoiDungGopY?.Length ?? 0) > 2000) errors.Add("NoiDungGopY tối đa 2000 ký tự.");
            _ratings.Add(new RatingDelivery(key, rating, now, errors.Count == 0, false, errors));
            return errors.Count == 0 ? Answer(true, false, [], key, 200) : Answer(false, false, errors, null, 422);
        }
    }

    private static IResult Answer(bool accepted, bool duplicate, IReadOnlyList<string> errors, string? receipt, int status) =>
        Results.Json(new NationalPortalClient.WireAnswer { Accepted = accepted, Duplicate = duplicate, Errors = [.. errors], ReceiptId = receipt },
            NationalPortalClient.WireAnswer.Json, statusCode: status);

    /// <summary>What the national side checks in every record: the exchange's fields (the import's rules, against the
    /// catalog and agency codes it knows), and that a dossier's history is in time order.</summary>
    private async Task<List<string>> ValidateAsync(SyncRecord record, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var all = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(db.Units.Select(u => u.Id), ct);
        var lookups = await ImportLookups.LoadAsync(db, all.ToHashSet(), ct);
        var errors = RecordValidation.Validate(record, lookups, clock.GetUtcNow().UtcDateTime).Errors.ToList();
        var times = (record.QuaTrinhXuLy ?? []).Select(s => SyncRecordJson.TryParse(s.ThoiDiemXuLy, out var t) ? t : (DateTime?)null).ToList();
        for (var i = 1; i < times.Count; i++)
        {
            if (times[i] < times[i - 1])
            {
                errors.Add($"QuaTrinhXuLy không theo thứ tự thời gian (bước {i + 1} trước bước {i}).");
                break;
            }
        }
        return errors;
    }

    private static readonly int[] Terminal = [3, 7, 8, 10];

    /// <summary>Against what was kept for the dossier: never an older revision after a newer one, never out of an end.</summary>
    private List<string> OrderProblems(SyncRecord record, int revision)
    {
        var last = _deliveries.LastOrDefault(d => d.Kept && d.MaHoSo == record.MaHoSo);
        if (last is null) return [];
        if (revision <= last.Revision)
            return [$"Bản đồng bộ phiên bản {revision} cũ hơn bản đã nhận (phiên bản {last.Revision})."];
        if (last.TrangThaiHoSo is { } was && Terminal.Contains(was) && record.TrangThaiHoSo != was)
            return [$"Hồ sơ đã kết thúc ở trạng thái {was}, không thể chuyển sang trạng thái {record.TrangThaiHoSo}."];
        return [];
    }

    /// <summary>Files the record's results into the citizen's store; returns the new entries, whose files are fetched next.</summary>
    private List<int> FileResults(SyncRecord record, DateTime now)
    {
        var added = new List<int>();
        if (record.TrangThaiHoSo is not (9 or 10) || record.SoGiayToChuHoSo is not { Length: > 0 } idNumber) return added;
        foreach (var result in record.DanhSachGiayToKetQua ?? [])
        {
            if (string.IsNullOrEmpty(result.DuongDanTepTinKetQua)) continue;
            // A result is one entry, whatever link a later record gives it.
            if (_store.Any(s => s.MaHoSo == record.MaHoSo && s.Name == result.TenGiayTo)) continue;
            _store.Add(new StoredResult(idNumber, record.MaHoSo ?? "", result.TenGiayTo, result.DuongDanTepTinKetQua, now));
            added.Add(_store.Count - 1);
        }
        return added;
    }

    // ---------------------------------------------------------------- submitting to the province

    /// <param name="Components">Component codes separated by commas; each is sent with a one-page PDF.</param>
    public sealed record Submission(string ProcedureCode, string AgencyCode, string Name, string IdNumber, string? Phone, string? Email,
        string Components, string? NationalId = null, bool Verified = true, string? FormDataJson = null);

    public sealed record SubmitResult(int Status, string Body, string NationalId);

    /// <summary>A citizen submits on the portal: the portal delivers the dossier to the province's intake (twice at once
    /// when told to duplicate deliveries), as the national side's client.</summary>
    public async Task<SubmitResult> SubmitAsync(Submission s, CancellationToken ct)
    {
        var nationalId = s.NationalId ?? $"G22.{clock.GetUtcNow().UtcDateTime:yyMMdd}-{RandomNumberGenerator.GetInt32(100_000, 999_999)}";
        var codes = s.Components.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var record = new Dictionary<string, object?>
        {
            ["MaHoSoQuocGia"] = nationalId, ["MaTTHC"] = s.ProcedureCode, ["NoiNopHoSo"] = s.AgencyCode, ["ChuHoSo"] = s.Name,
            ["SoGiayToChuHoSo"] = s.IdNumber, ["LoaiDoiTuong"] = 1, ["SoDienThoai"] = s.Phone, ["Email"] = s.Email,
            ["TaiKhoanDuocXacThucVoiVNeID"] = s.Verified ? 1 : 0, ["TaiLieuNop"] = codes,
            ["DuLieuBieuMau"] = s.FormDataJson is { Length: > 0 } json ? JsonDocument.Parse(json).RootElement : null,
        };
        var body = JsonSerializer.Serialize(record);

        async Task<SubmitResult> DeliverAsync()
        {
            using var content = new MultipartFormDataContent();
            content.Add(new StringContent(body, Encoding.UTF8, "application/json"), ReceiveFromNationalPortal.RecordField);
            foreach (var code in codes)
            {
                var file = new ByteArrayContent(SamplePdf);
                file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
                content.Add(file, code, $"{code}.pdf");
            }
            using var client = http.CreateClient(HttpClientName);
            using var request = new HttpRequestMessage(HttpMethod.Post, ProvinceAddress(ReceiveFromNationalPortal.Path)) { Content = content };
            var o = options.CurrentValue;
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes($"{o.IntakeClientId}:{Options.IntakeSecret}")));
            using var response = await client.SendAsync(request, ct);
            var answer = await response.Content.ReadAsStringAsync(ct);
            logger.LogInformation("National portal simulator: dossier {NationalId} delivered, {Status}", nationalId, (int)response.StatusCode);
            return new SubmitResult((int)response.StatusCode, answer, nationalId);
        }

        if (!Options.DuplicateDeliveries) return await DeliverAsync();
        var both = await Task.WhenAll(DeliverAsync(), DeliverAsync());
        return both.OrderBy(b => b.Status).First();
    }

    private string ProvinceAddress(string path)
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost";
        address = address.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal).Replace("://[::]", "://127.0.0.1", StringComparison.Ordinal);
        return address.TrimEnd('/') + path;
    }

    /// <summary>A valid one-page PDF: the province's intake checks files by content.</summary>
    private static readonly byte[] SamplePdf = MakePdf();

    private static byte[] MakePdf()
    {
        var objects = new[]
        {
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
        };
        var sb = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(Encoding.ASCII.GetByteCount(sb.ToString()));
            sb.Append(CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }
        var xref = Encoding.ASCII.GetByteCount(sb.ToString());
        sb.Append(CultureInfo.InvariantCulture, $"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets) sb.Append(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        sb.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(sb.ToString());
    }

    // ---------------------------------------------------------------- page

    private IResult ShowPage(SubmitResult? submitted)
    {
        var html = new StringBuilder();
        if (submitted is not null)
            html.Append(CultureInfo.InvariantCulture, $"<p id=\"submitted\" role=\"status\">Đã chuyển hồ sơ {E(submitted.NationalId)} cho tỉnh: {submitted.Status} {E(submitted.Body)}</p>");
        html.Append("<h2>Nộp hồ sơ thử</h2><form method=\"post\" action=\"").Append(Root).Append("/nop-ho-so\">")
            .Append("<label>Mã thủ tục <input name=\"maTTHC\" required></label> <label>Mã định danh nơi nộp <input name=\"noiNop\" required></label> ")
            .Append("<label>Chủ hồ sơ <input name=\"chuHoSo\" required></label> <label>Số định danh <input name=\"soGiayTo\" required></label> ")
            .Append("<label>Điện thoại <input name=\"soDienThoai\"></label> <label>Email <input name=\"email\"></label> ")
            .Append("<label>Mã thành phần (cách nhau bởi dấu phẩy) <input name=\"thanhPhan\"></label> <button type=\"submit\">Nộp hồ sơ</button></form>");
        html.Append("<h2>Bản đồng bộ đã nhận, theo hồ sơ</h2>");
        List<IGrouping<string, Delivery>> groups;
        List<RatingDelivery> ratings;
        lock (_lock)
        {
            groups = [.. _deliveries.GroupBy(d => d.MaHoSo ?? "(không có mã)")];
            ratings = [.. _ratings.Where(r => !r.Duplicate)];
        }
        if (groups.Count == 0) html.Append("<p>Chưa nhận bản đồng bộ nào.</p>");
        foreach (var g in groups)
        {
            html.Append(CultureInfo.InvariantCulture, $"<section class=\"dossier\" data-code=\"{E(g.Key)}\"><h3>{E(g.Key)}</h3><table><thead><tr><th>Lúc</th><th>Phiên bản</th><th>Trạng thái</th><th>Kết quả</th></tr></thead><tbody>");
            foreach (var d in g)
            {
                var outcome = d.Duplicate ? "Trùng (đã nhận trước đó)" : d.Kept ? "Đã nhận" : "Từ chối: " + string.Join("; ", d.Errors);
                html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(VietnamTime.Format(d.AtUtc))}</td><td>{d.Revision}</td><td class=\"status\">{d.TrangThaiHoSo}</td><td>{E(outcome)}</td></tr>");
            }
            html.Append("</tbody></table>");
            foreach (var r in ratings.Where(r => r.Rating.MaHoSo == g.Key))
                html.Append(CultureInfo.InvariantCulture, $"<p class=\"rating\">Đánh giá: {(r.Rating.HaiLong == 1 ? "Hài lòng" : "Không hài lòng")}, {r.Rating.DiemDanhGia} sao — {E(r.Kept ? "Đã nhận" : "Từ chối: " + string.Join("; ", r.Errors))}</p>");
            html.Append("</section>");
        }
        return Results.Content(Page("Cổng Dịch vụ công quốc gia (mô phỏng)", html.ToString()), "text/html; charset=utf-8", Encoding.UTF8);
    }

    private static string E(string? text) => HtmlEncoder.Default.Encode(text ?? "");

    private static string Page(string title, string body) =>
        $"<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + $"<title>{E(title)}</title></head><body><main><h1>{E(title)}</h1><p>Môi trường thử nghiệm: không kết nối Cổng thật.</p>{body}</main></body></html>";
}
