using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MotCua.Web.Features.Calendar;
using MotCua.Web.Features.Catalog;
using MotCua.Web.Features.Identity;
using MotCua.Web.Infrastructure;

namespace MotCua.Web.Pages.Office.Admin.Procedures;

/// <summary>Công bố phiên bản mới: the key attributes as form fields, the whole content as JSON (the catalog
/// file's format) for the lists that a form cannot edit well (components, fees, workflow, e-form).</summary>
[Authorize(Policy = nameof(OfficialRole.Administrator))]
public sealed class PublishModel(GetProcedureHistory.Handler history, PublishProcedureVersion.Handler publish, TimeProvider clock) : ActionPageModel
{
    public sealed class PublishInput
    {
        public string? Name { get; set; }
        public OnlineLevel OnlineLevel { get; set; }
        public string? PartialOnlineReason { get; set; }
        public bool EligibleForFullOnline { get; set; }
        public bool OnlineOnlyPilot { get; set; }
        /// <summary>Text, read with either decimal separator: a number bound with the server's culture could
        /// read "0.5" as 5 under vi-VN.</summary>
        public string? LegalTimeValue { get; set; }
        public LegalTimeUnit LegalTimeUnit { get; set; }
        public TimeOnly? Cutoff { get; set; }
        public ResultType ResultType { get; set; }
        public string? ResultName { get; set; }
        public string? ContentJson { get; set; }
        public DateOnly? EffectiveDate { get; set; }
        public string? Decision { get; set; }
        /// <summary>The three dates of 766 indicators 1.1 and 1.2, kept in the version's content.</summary>
        public DateOnly? DecisionDate { get; set; }
        public DateOnly? LegalBasisEffectiveDate { get; set; }
        public DateOnly? NationalDatabaseDisclosedDate { get; set; }
        public int BasedOnVersion { get; set; }
    }

    [BindProperty(SupportsGet = true)] public string Code { get; set; } = "";
    public GetProcedureHistory.Result Procedure { get; private set; } = null!;
    [BindProperty] public PublishInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await history.HandleAsync(Code, ct) is not { } procedure) return NotFound();
        Procedure = procedure;
        var c = procedure.Content;
        Input = new PublishInput
        {
            Name = c.Name,
            OnlineLevel = c.OnlineLevel,
            PartialOnlineReason = c.PartialOnlineReason,
            EligibleForFullOnline = c.EligibleForFullOnline,
            OnlineOnlyPilot = c.OnlineOnlyPilot,
            LegalTimeValue = c.LegalTime.Value.ToString("0.##", CultureInfo.InvariantCulture),
            LegalTimeUnit = c.LegalTime.Unit,
            Cutoff = c.Cutoff,
            ResultType = c.ResultType,
            ResultName = c.ResultName,
            ContentJson = PublishProcedureVersion.WriteContent(c),
            EffectiveDate = VietnamTime.Today(clock),
            DecisionDate = c.DecisionDate,
            LegalBasisEffectiveDate = c.LegalBasisEffectiveDate,
            NationalDatabaseDisclosedDate = c.NationalDatabaseDisclosedDate,
            BasedOnVersion = procedure.Current.Number,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var content = Merge(PublishProcedureVersion.ReadContent(Input.ContentJson));
        var request = new PublishProcedureVersion.Request(Code, content, Input.EffectiveDate ?? VietnamTime.Today(clock), Input.Decision, Input.BasedOnVersion);
        if (await publish.HandleAsync(request, ct) is not { } version) return NotFound();
        return RedirectWithNotice($"Đã công bố phiên bản {version.Number}. Hồ sơ đã tiếp nhận trước đó vẫn giữ phiên bản cũ.",
            $"/office/admin/procedures/{Uri.EscapeDataString(Code)}");
    }

    protected override async Task<bool> ReloadAsync(CancellationToken ct)
    {
        if (await history.HandleAsync(Code, ct) is not { } procedure) return false;
        Procedure = procedure;
        return true;
    }

    /// <summary>The form's fields win over the same attributes in the JSON: they are what the page shows first.</summary>
    private ProcedureContent Merge(ProcedureContent json)
    {
        var problems = new List<string>();
        if (!Enum.IsDefined(Input.OnlineLevel)) problems.Add("Hãy chọn mức độ dịch vụ công trực tuyến.");
        if (!Enum.IsDefined(Input.LegalTimeUnit)) problems.Add("Hãy chọn đơn vị của thời hạn giải quyết.");
        if (!Enum.IsDefined(Input.ResultType)) problems.Add("Hãy chọn loại kết quả.");
        decimal value = 0;
        if (Input.LegalTimeUnit != LegalTimeUnit.SameDay
            && !decimal.TryParse(Input.LegalTimeValue?.Trim().Replace(',', '.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value))
            problems.Add("Thời hạn giải quyết phải là một số không âm, ví dụ 7 hoặc 0,5.");
        if (Input.NationalDatabaseDisclosedDate < Input.DecisionDate)
            problems.Add("Ngày công khai trên Cơ sở dữ liệu quốc gia không thể trước ngày ký quyết định công bố.");
        foreach (var (date, what) in new[] { (Input.DecisionDate, "Ngày ký quyết định công bố"), (Input.LegalBasisEffectiveDate, "Ngày có hiệu lực của căn cứ pháp lý"),
                     (Input.NationalDatabaseDisclosedDate, "Ngày công khai trên Cơ sở dữ liệu quốc gia") })
            if (date is { } d && !InputLimits.IsSane(d)) problems.Add($"{what} không hợp lệ.");
        if (problems.Count > 0) throw new DomainException(string.Join(" ", problems));
        return json with
        {
            Name = Input.Name?.Trim() ?? "",
            OnlineLevel = Input.OnlineLevel,
            PartialOnlineReason = Text.NormalizeOrNull(Input.PartialOnlineReason),
            EligibleForFullOnline = Input.EligibleForFullOnline,
            OnlineOnlyPilot = Input.OnlineOnlyPilot,
            LegalTime = new LegalTime(value, Input.LegalTimeUnit),
            Cutoff = Input.Cutoff,
            ResultType = Input.ResultType,
            ResultName = Input.ResultName?.Trim() ?? "",
            DecisionDate = Input.DecisionDate,
            LegalBasisEffectiveDate = Input.LegalBasisEffectiveDate,
            NationalDatabaseDisclosedDate = Input.NationalDatabaseDisclosedDate,
        };
    }
}
