namespace MotCua.Web.Features.Certification;

/// <summary>Section "Certification": which procedures the desk certifies in one sitting (docs/adr/0033e).</summary>
public sealed class CertificationOptions
{
    public const string SectionName = "Certification";

    /// <summary>The procedures whose copy is certified from the original at the desk, comma-separated: chứng thực bản sao
    /// từ bản chính (2.000815). A procedure listed here needs a component the copy is (form Copy or CertifiedCopy).</summary>
    public string ProcedureCodes { get; set; } = "2.000815";

    public IReadOnlyList<string> Codes =>
        [.. ProcedureCodes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    /// <summary>Where the certification happens, printed beside the date (the commune's name when empty).</summary>
    public string? Place { get; set; }
}
