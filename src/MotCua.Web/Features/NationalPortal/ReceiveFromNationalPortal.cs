using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MotCua.Web.Features.Catalog;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Features.NationalPortal;

/// <summary>Intake from the national public-service portal: a dossier a citizen submitted there arrives here, with its
/// files, the applicant's identity as the portal verified it (VNeID), the e-form's data and the portal's own dossier id,
/// and waits in the receiving unit's online-reception queue (status 1) like one submitted on this system's portal. It
/// gets this system's code in the national form (agency code-YYMMDD-sequence, from the same daily counter). The national
/// id is the idempotency key: delivered again — or twice at the same instant — it is one dossier (a unique index decides
/// the race) and the answer is the same. Only the national side may call it (HTTP Basic with the credentials the
/// province gave it, <see cref="NationalPortalOptions.IntakeClientSecret"/>).</summary>
public static class ReceiveFromNationalPortal
{
    public const string Path = "/api/dvcqg/ho-so";
    public const string RecordField = "hoSo";
    public static readonly Integration Portal = new("dvcqg", "Cổng Dịch vụ công quốc gia");

    /// <summary>The dossier as the national portal hands it over (field names of the exchange). Files come as the other
    /// parts of the multipart body, each named by its component's code (MaThanhPhanHoSo).</summary>
    public sealed class Record
    {
        public string? MaHoSoQuocGia { get; set; }
        public string? MaTTHC { get; set; }
        /// <summary>Agency code of the unit the citizen chose to submit to.</summary>
        public string? NoiNopHoSo { get; set; }
        public string? ChuHoSo { get; set; }
        public string? SoGiayToChuHoSo { get; set; }
        /// <summary>1 a person, 2 an organisation.</summary>
        public int? LoaiDoiTuong { get; set; }
        public string? SoDienThoai { get; set; }
        public string? Email { get; set; }
        public string? DiaChi { get; set; }
        public string? TrichYeuHoSo { get; set; }
        /// <summary>1: the portal verified the applicant with VNeID.</summary>
        public int? TaiKhoanDuocXacThucVoiVNeID { get; set; }
        /// <summary>The e-form as filled on the portal: an object of field key → value.</summary>
        public JsonElement? DuLieuBieuMau { get; set; }
        /// <summary>The components submitted, by code.</summary>
        public List<string>? TaiLieuNop { get; set; }
    }

    public sealed record Answer(
        [property: JsonPropertyName("maHoSo")] string MaHoSo,
        [property: JsonPropertyName("maHoSoQuocGia")] string MaHoSoQuocGia,
        [property: JsonPropertyName("maTraCuu")] string MaTraCuu,
        [property: JsonPropertyName("trangThaiHoSo")] int TrangThaiHoSo,
        [property: JsonPropertyName("daNhanTruocDo")] bool DaNhanTruocDo);

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost(Path, async (HttpContext context, Handler handler) =>
            {
                if (!context.Request.HasFormContentType)
                    throw new DomainException("Hồ sơ phải được gửi dạng multipart/form-data: phần \"hoSo\" (JSON) và các tệp, mỗi tệp đặt tên theo mã thành phần hồ sơ.");
                var form = await context.Request.ReadFormAsync(context.RequestAborted);
                var (answer, created) = await handler.HandleAsync(form, context.RequestAborted);
                return created ? Results.Json(answer, statusCode: StatusCodes.Status201Created) : Results.Json(answer);
            })
            .AllowAnonymous()
            .AddEndpointFilter(async (context, next) =>
            {
                var options = context.HttpContext.RequestServices.GetRequiredService<IOptionsMonitor<NationalPortalOptions>>().CurrentValue;
                return Authorized(context.HttpContext.Request.Headers.Authorization.ToString(), options)
                    ? await next(context)
                    : Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Chưa xác thực",
                        detail: "Chỉ Cổng Dịch vụ công quốc gia, xác thực bằng tài khoản kết nối được cấp, mới gửi được hồ sơ vào đây.");
            })
            .DisableAntiforgery()
            .WithTags("Cổng Dịch vụ công quốc gia")
            .WithSummary("Nhận hồ sơ nộp trên Cổng Dịch vụ công quốc gia (idempotent theo mã hồ sơ quốc gia)");

    /// <summary>HTTP Basic with the intake's client id and secret, compared in constant time; no secret configured: nobody.</summary>
    public static bool Authorized(string header, NationalPortalOptions o)
    {
        if (o.IntakeClientSecret.Length == 0 || !header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)) return false;
        string given;
        try
        {
            given = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
        }
        catch (FormatException)
        {
            return false;
        }
        var expected = $"{o.IntakeClientId}:{o.IntakeClientSecret}";
        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
    }

    /// <summary>The submission key of a national dossier: the same national id always gives the same key, which the
    /// dossier's unique submission key holds like a portal draft's id.</summary>
    public static Guid KeyOf(string nationalId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("dvcqg:" + nationalId));
        return new Guid(hash.AsSpan(0, 16));
    }

    public sealed class Handler(AppDbContext db, SubmitOnline.Handler submit, FileIntake files, TimeProvider clock)
    {
        private const int FormDataMax = 64 * 1024;

        public async Task<(Answer Answer, bool Created)> HandleAsync(IFormCollection form, CancellationToken ct)
        {
            var record = Read(form);
            var nationalId = Text.NormalizeOrNull(record.MaHoSoQuocGia)
                             ?? throw new DomainException("Thiếu MaHoSoQuocGia (mã hồ sơ trên Cổng Dịch vụ công quốc gia).");
            if (nationalId.Length > NationalDossierLink.NationalIdMax || nationalId.Any(char.IsWhiteSpace))
                throw new DomainException($"MaHoSoQuocGia không hợp lệ: tối đa {NationalDossierLink.NationalIdMax} ký tự, không có khoảng trắng.");
            if (await FindAsync(nationalId, ct) is { } known) return (known, false);

            var problems = new List<string>();
            var procedureCode = Text.NormalizeOrNull(record.MaTTHC);
            if (procedureCode is null) problems.Add("Thiếu MaTTHC.");
            var agencyCode = Text.NormalizeOrNull(record.NoiNopHoSo);
            Guid? unitId = null;
            if (agencyCode is null) problems.Add("Thiếu NoiNopHoSo (mã định danh của đơn vị tiếp nhận).");
            else
            {
                unitId = await db.Units.Where(u => u.AgencyCode == agencyCode).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(ct);
                if (unitId is null) problems.Add($"NoiNopHoSo \"{agencyCode}\" không phải là mã định danh của đơn vị nào trong hệ thống.");
            }
            if (record.LoaiDoiTuong is not (null or 1 or 2)) problems.Add("LoaiDoiTuong chỉ nhận 1 (cá nhân) hoặc 2 (tổ chức).");
            if (record.TaiKhoanDuocXacThucVoiVNeID is not (null or 0 or 1)) problems.Add("TaiKhoanDuocXacThucVoiVNeID chỉ nhận 0 hoặc 1.");
            string? formData = null;
            if (record.DuLieuBieuMau is { ValueKind: not JsonValueKind.Null and not JsonValueKind.Undefined } eform)
            {
                if (eform.ValueKind != JsonValueKind.Object) problems.Add("DuLieuBieuMau phải là một đối tượng JSON (mã trường → giá trị).");
                // Stored as the portal's own e-forms are: Vietnamese as text, not \u escapes.
                else if ((formData = JsonSerializer.Serialize(eform, FormJson)).Length > FormDataMax) problems.Add($"DuLieuBieuMau quá lớn: tối đa {FormDataMax / 1024} KB.");
            }
            var components = (record.TaiLieuNop ?? []).Select(c => c?.Trim() ?? "").Where(c => c.Length > 0).Distinct(StringComparer.Ordinal).ToList();
            var strayFiles = form.Files.Where(f => !components.Contains(f.Name, StringComparer.Ordinal)).Select(f => f.FileName).ToList();
            if (strayFiles.Count > 0)
                problems.Add($"Tệp không thuộc thành phần nào trong TaiLieuNop (mỗi tệp phải đặt tên theo mã thành phần): {string.Join(", ", strayFiles)}.");
            if (problems.Count > 0) throw new DomainException(string.Join(" ", problems));

            var version = await (from p in db.Procedures.AsNoTracking()
                                 join v in db.ProcedureVersions.AsNoTracking() on p.CurrentVersionId equals v.Id
                                 where p.Code == procedureCode
                                 select v).SingleOrDefaultAsync(ct)
                          ?? throw new DomainException($"Không tìm thấy thủ tục có mã {procedureCode}.");
            var verified = record.TaiKhoanDuocXacThucVoiVNeID == 1;
            var idNumber = record.SoGiayToChuHoSo?.Trim() ?? "";
            var applicant = new ApplicantInput(record.LoaiDoiTuong == 2 ? ApplicantKind.Organisation : ApplicantKind.Person,
                record.ChuHoSo ?? "", idNumber, record.SoDienThoai, record.Email, record.DiaChi);
            // "Hồ sơ của tôi" here too, for a citizen who also has an account here verified with the same e-ID: only a
            // verified identity on both sides links them (an ID number typed at registration is a claim, ADR 0016).
            var account = verified
                ? await db.Citizens.Where(c => c.PersonalIdNumber == idNumber && c.VerifiedWithElectronicIdentity).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(ct)
                : null;
            var request = new SubmitOnline.Request(procedureCode!, unitId!.Value, applicant,
                components.Select(c => new ComponentInput(c)).ToList(),
                Level: version.Content.OnlineLevel == OnlineLevel.None ? OnlineLevel.Full : version.Content.OnlineLevel,
                Summary: Text.NormalizeOrNull(record.TrichYeuHoSo) is { Length: <= 1000 } summary ? summary : null,
                FormData: formData,
                IdentityVerified: verified,
                Submission: new Dossier.OnlineSubmission(KeyOf(nationalId), account));

            var now = clock.GetUtcNow().UtcDateTime;
            var actor = Portal.Actor;
            await using var batch = files.Begin(db);
            var stored = new List<(string Component, Guid FileId, string Name)>();
            foreach (var file in form.Files)
                stored.Add((file.Name, (await batch.AcceptAsync(file, now, ct)).Id, file.FileName));
            Guid? created = null;
            var dossier = await submit.HandleAsync(request, actor, ct, d =>
            {
                created = d.Id;
                foreach (var (component, fileId, name) in stored)
                    // After the submission's own entry, never before it: the portal checks the history's order.
                    d.AttachComponentFile(d.Components.Single(c => c.RequirementCode == component).Id, fileId, name, scannedFromPaper: false, actor,
                        d.SubmittedAtUtc is { } submitted && submitted > now ? submitted : now);
                db.Add(new NationalDossierLink(d.Id, nationalId, now));
                return Task.CompletedTask;
            });
            if (dossier.Id != created) return ((await FindAsync(nationalId, ct))!, false);
            batch.Committed();
            return (new Answer(dossier.Code!, nationalId, dossier.LookupCode, (int)dossier.Status, false), true);
        }

        private async Task<Answer?> FindAsync(string nationalId, CancellationToken ct)
        {
            // The status is stored by name: it becomes its national code here, not in SQL.
            var found = await (from l in db.Set<NationalDossierLink>().AsNoTracking()
                               join d in db.Dossiers.AsNoTracking() on l.DossierId equals d.Id
                               where l.NationalId == nationalId
                               select new { d.Code, l.NationalId, d.LookupCode, d.Status }).SingleOrDefaultAsync(ct);
            return found is null ? null : new Answer(found.Code!, found.NationalId, found.LookupCode, (int)found.Status, true);
        }

        private static Record Read(IFormCollection form)
        {
            var json = form[RecordField].ToString();
            if (json.Length == 0) throw new DomainException("Thiếu phần \"hoSo\": thông tin hồ sơ dạng JSON.");
            try
            {
                return JsonSerializer.Deserialize<Record>(json, JsonOptions) ?? throw new DomainException("Phần \"hoSo\" rỗng.");
            }
            catch (JsonException)
            {
                throw new DomainException("Phần \"hoSo\" không phải JSON hợp lệ theo cấu trúc hồ sơ của Cổng Dịch vụ công quốc gia.");
            }
        }

        private static readonly JsonSerializerOptions JsonOptions = new() { MaxDepth = 16 };
        private static readonly JsonSerializerOptions FormJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All) };
    }
}
