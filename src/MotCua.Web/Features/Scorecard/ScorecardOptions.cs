namespace MotCua.Web.Features.Scorecard;

/// <summary>Which dossiers indicator 2.1 counts: the brief says "received or processed in period" [to confirm].</summary>
public enum ProgressPeriodReading
{
    /// <summary>Dossiers received in the period (the reading every other indicator uses).</summary>
    ReceivedInPeriod,
    /// <summary>Also dossiers received earlier and still being processed at the period's start, or ended within it.</summary>
    ReceivedOrProcessedInPeriod,
}

/// <summary>The <c>Scorecard</c> configuration section: every rule of <c>kpi-766.md</c> marked [to confirm], with the
/// default this system takes. The API marks the indicators these rules touch (<c>toConfirm</c>).</summary>
public sealed class ScorecardOptions
{
    public const string SectionName = "Scorecard";

    /// <summary>What an indicator scores when nothing falls in its denominator: full points (nothing counts against the
    /// unit) by default, or 0 [to confirm].</summary>
    public bool EmptyDenominatorScoresFull { get; set; } = true;

    /// <summary>Thresholds by indicator id, added to or replacing the brief's (e.g. "1.4": 0.9). An indicator without a
    /// threshold scores max × ratio [to confirm].</summary>
    public Dictionary<string, double> Thresholds { get; set; } = [];

    /// <summary>Classification bands by total [to confirm]: Tốt from <see cref="GoodFrom"/> (dashboards draw 80 as good),
    /// Khá from <see cref="FairFrom"/>, Trung bình from <see cref="AverageFrom"/>, else Yếu.</summary>
    public double GoodFrom { get; set; } = 80;
    public double FairFrom { get; set; } = 65;
    public double AverageFrom { get; set; } = 50;

    /// <summary>Which dossiers 2.1 counts [to confirm].</summary>
    public ProgressPeriodReading ProgressPeriod { get; set; } = ProgressPeriodReading.ReceivedInPeriod;

    /// <summary>6.3 [to confirm]: the procedure codes of certification (chứng thực bản sao), comma-separated; their
    /// dossiers count, those with an electronic result (result code and file) in the numerator.</summary>
    public string CertifiedCopyProcedureCodes { get; set; } = "2.000815";

    /// <summary>6.6: the codes (MaCSDL) of the population database among a dossier's connected databases,
    /// comma-separated; empty: any connected database counts [to confirm].</summary>
    public string PopulationDatabaseCodes { get; set; } = "";

    /// <summary>6.4: the brief names DuocSoHoa / HoSoCoThanhPhanSoHoa as the flag; true counts a digitized component as
    /// well as a re-used one, false only re-used ones (DuocTaiSuDung) [to confirm].</summary>
    public bool ReuseCountsDigitized { get; set; } = true;

    /// <summary>4.2 [to confirm]: the denominator is the procedures with fees in the catalog (true) or only those with
    /// fee-bearing dossiers in the period (false).</summary>
    public bool OnlinePaymentOverCatalogFees { get; set; } = true;

    /// <summary>2.2 [to confirm]: the settling time ends at the end of processing (NgayKetThucXuLy: the decision, 9, as
    /// <see cref="Dossiers.Timeliness"/> measures it; false, the default) or at the return of the result (10) when there
    /// is one (true).</summary>
    public bool SettlingTimeEndsAtReturn { get; set; }

    /// <summary>2.2: a procedure is listed as pulling the average down when its average settling time is above this
    /// share of its legal time (1 = above the legal time) [to confirm: the brief only shows the average].</summary>
    public double SettlingTimeSlowShare { get; set; } = 1;

    /// <summary>Working days of 1.1 (before the legal basis takes effect) and 1.2 (after the publishing decision).</summary>
    public int PublishingWorkingDays { get; set; } = 5;

    /// <summary>How long the dashboard's ranking of a unit's sub-units (<see cref="GetRanking"/>) is reused after it was
    /// counted, in seconds; 0 counts it on every visit.</summary>
    public int RankingCacheSeconds { get; set; } = 300;

    /// <summary>The longest period one request may ask for, in days (5 years).</summary>
    public int MaxPeriodDays { get; set; } = 5 * 366;

    internal static IReadOnlyList<string> Codes(string? list) =>
        [.. (list ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    internal string Band(double total) =>
        total >= GoodFrom ? "Tốt" : total >= FairFrom ? "Khá" : total >= AverageFrom ? "Trung bình" : "Yếu";
}
