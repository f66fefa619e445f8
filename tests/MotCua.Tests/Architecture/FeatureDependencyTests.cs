using static MotCua.Tests.Architecture.CompiledReferences;

namespace MotCua.Tests.Architecture;

/// <summary>Which feature may use which (docs/adr/0025). Read from the compiled app, so a dependency counts
/// however it is written: a using, a fully qualified name, a lambda's closure, an attribute's typeof. A new
/// dependency is a design decision: add its row below with why, or move the code to where it belongs.</summary>
public sealed class FeatureDependencyTests
{
    private const string FeaturesNamespace = "MotCua.Web.Features";
    private const string InfrastructureNamespace = "MotCua.Web.Infrastructure";
    private const string PagesNamespace = "MotCua.Web.Pages";
    // Razor compiles the .cshtml views into this namespace; they are pages too.
    private const string ViewsNamespace = "AspNetCoreGeneratedDocument";

    /// <summary>Every allowed use of one feature by another, with why. Dossiers is the core: most features read or
    /// act on the dossier. Identity (roles, the current user) and Audit (the administration log) serve every feature.</summary>
    public static readonly IReadOnlyDictionary<(string From, string To), string> Allowed = new Dictionary<(string, string), string>
    {
        [("Audit", "Dossiers")] = "the log's actor is the dossier history's Actor; refused access counts the dossier's not-found and forbidden exceptions",
        [("Audit", "Identity")] = "the actor is read from the signed-in user's claims and roles",

        [("Calendar", "Audit")] = "changes to the working calendar are logged",

        [("Catalog", "Audit")] = "publishing a procedure version and the online-only list are logged",
        [("Catalog", "Calendar")] = "a procedure's time limit is a legal time in working days",
        [("Catalog", "Dossiers")] = "fee items are described with the dossier's money and component types",
        [("Catalog", "Identity")] = "the administrator's catalog endpoints and pages",
        [("Catalog", "Units")] = "a procedure names the unit levels competent to settle it",

        [("Certification", "Catalog")] = "the copy is the component of a certification procedure's version, its fee the catalog's",
        [("Certification", "DocumentStore")] = "the certified copy is filed in the applicant's data store as a certified copy (docs/adr/0033e)",
        [("Certification", "Dossiers")] = "a certification is a desk reception and the dossier's own operations, one sitting",
        [("Certification", "Forms")] = "the certification book is exported with the forms' XlsxWriter",
        [("Certification", "Identity")] = "the desk official certifies; officials read their units' book",
        [("Certification", "Processing")] = "the fee is taken in cash as every desk payment (RecordPayment, with its receipt)",
        [("Certification", "Reports")] = "the certification text is written in the reports' Noto Sans (NotoFonts)",
        [("Certification", "Scorecard")] = "the signed copies are 6.3's figures (ICertifiedCopyFigures)",
        [("Certification", "Signatures")] = "the certified copy is signed (PAdES) in the certifier's name through IDocumentSigner",
        [("Certification", "Units")] = "the book is the administrative unit's, within the official's units",

        [("DemoData", "Calendar")] = "demo dossiers are timed on the working calendar",
        [("DemoData", "Catalog")] = "demo dossiers are of catalog procedures",
        [("DemoData", "Dossiers")] = "demo dossiers go through the dossier's own operations (docs/adr/0008)",
        [("DemoData", "Identity")] = "demo officials and citizens are accounts",
        [("DemoData", "Payments")] = "demo payments are payment orders with their receipt numbers, as real ones are",
        [("DemoData", "Targets")] = "the seed plans' targets, campaign and tasks for the demo communes",
        [("DemoData", "Units")] = "the demo's units",

        [("DocumentStore", "Audit")] = "downloading a stored document is logged",
        [("DocumentStore", "Identity")] = "the signed-in citizen's account (CurrentUser) whose documents are shown",
        [("DocumentStore", "Catalog")] = "documents are filed by the procedure's result and component kinds",
        [("DocumentStore", "Dossiers")] = "documents are filed from dossiers' components and results",
        [("DocumentStore", "Tracking")] = "the citizen's documents are found through the citizen's dossiers",

        [("Dossiers", "Calendar")] = "the dossier's due dates are computed on the working calendar",
        [("Dossiers", "Catalog")] = "a dossier is of one procedure version",
        [("Dossiers", "Identity")] = "who acts on a dossier, and with which role",
        [("Dossiers", "Units")] = "a dossier is received and processed by units",

        [("Exchange", "Catalog")] = "a sync record is of a catalog procedure, pinned to the version in force at reception",
        [("Exchange", "Dossiers")] = "a sync record is a dossier: exported from it, imported through Dossier.Import",
        [("Exchange", "Identity")] = "who may import and export, and the importing official named in the history",
        [("Exchange", "Units")] = "records name units by agency code, within the official's units",

        [("Feedback", "Calendar")] = "feedback deadlines are counted in working days on the working calendar",
        [("Feedback", "Catalog")] = "an item may be about a procedure",
        [("Feedback", "Dossiers")] = "an item may be about a dossier of the official's units; its history names an Actor",
        [("Feedback", "Forms")] = "the sender's link uses the public address of Forms:PublicBaseUrl",
        [("Feedback", "Identity")] = "who sends (a citizen's account) and who handles, with which role",
        [("Feedback", "Notifications")] = "the sender is told of each step, the unit reminded of its deadlines",
        [("Feedback", "Ratings")] = "the office sees the dossier's satisfaction rating beside an item about it",
        [("Feedback", "Scorecard")] = "the recorded items are group 5's figures (IFeedbackFigures)",
        [("Feedback", "Tracking")] = "a citizen ties an item to one of their own dossiers",
        [("Feedback", "Units")] = "an item is handled by an administrative unit, within the official's units, and transferred between units",

        [("Forms", "Audit")] = "the register's PDF, like its Excel export, is logged as a download of personal data",
        [("Forms", "Calendar")] = "the receipt prints the legal time limit",
        [("Forms", "Catalog")] = "the forms print the procedure",
        [("Forms", "Dossiers")] = "the forms print a dossier",
        [("Forms", "Identity")] = "who may print a dossier's forms",
        [("Forms", "Reports")] = "the forms' PDFs are written in the reports' embedded Noto Sans font",
        [("Forms", "Signatures")] = "the filed forms an official signs are stamped with the unit's seal through IDocumentSigner (docs/adr/0034b)",
        [("Forms", "Units")] = "the forms' headers name the unit",

        [("Identity", "Audit")] = "granting and revoking the digital team's role is logged",
        [("Identity", "Dossiers")] = "the current user acts as a dossier history's Actor",
        [("Identity", "Forms")] = "password-reset links use the public address of Forms:PublicBaseUrl",
        [("Identity", "Notifications")] = "password-reset e-mails go out through the notification sender",
        [("Identity", "Units")] = "an official belongs to a unit",

        [("NationalPortal", "Audit")] = "the portal's fetch of a dossier's file by its signed link is in the audit log like an official's download",
        [("NationalPortal", "Ratings")] = "a satisfaction rating given or changed is sent to the national portal (docs/adr/0032d)",
        [("NationalPortal", "Catalog")] = "a dossier from the national portal is submitted at the level its procedure offers online",
        [("NationalPortal", "Dossiers")] = "the national portal submits dossiers (SubmitOnline) and is told of every change of one",
        [("NationalPortal", "Exchange")] = "the sync record of the exchange is what the national portal receives (docs/adr/0031d)",
        [("NationalPortal", "Identity")] = "a verified applicant's account here is linked; a unit's administrators are alerted of sync lag",
        [("NationalPortal", "Units")] = "the portal names units by agency code: where a dossier is submitted, DonViXuLy and NoiNopHoSo of a record",
        [("NationalPortal", "Notifications")] = "the sync-lag alert to a unit's administrators is an e-mail notification",

        [("Notifications", "Dossiers")] = "notifications are queued with the dossier's status changes",

        [("OnlineSubmission", "Catalog")] = "a draft is of a procedure and filled by its e-form",
        [("OnlineSubmission", "DocumentStore")] = "a draft takes documents from the citizen's store",
        [("OnlineSubmission", "Dossiers")] = "submitting a draft creates a dossier",
        [("OnlineSubmission", "Identity")] = "drafts belong to citizens' accounts",
        [("OnlineSubmission", "Payments")] = "a draft whose procedure is paid before submission is paid through a payment order (one payment model)",
        [("OnlineSubmission", "Tracking")] = "the citizen's dossiers and their files, shown while drafting",
        [("OnlineSubmission", "Units")] = "where a dossier may be submitted",

        [("Payments", "Catalog")] = "amounts are shown as the fee schedule writes them",
        [("Payments", "Dossiers")] = "a payment is of a dossier, and the gateway credits it as an integration (docs/adr/0024)",
        [("Payments", "Forms")] = "payment links use the public address of Forms:PublicBaseUrl",
        [("Payments", "Identity")] = "the citizen's account that starts a payment is recorded on the order",
        [("Payments", "Notifications")] = "an applicant without an account is sent the payment link by e-mail and SMS",
        [("Payments", "Tracking")] = "the signed-in citizen pays one of their own dossiers",
        [("Payments", "Units")] = "receipts are numbered in the series of the administrative unit that received the dossier; reconciliation covers a unit and those under it",
        [("Payments", "Reports")] = "the receipt's PDF is written in the reports' embedded Noto Sans font",

        [("Population", "Audit")] = "every lookup in the population database (who looked up whom, when) is in the audit log",
        [("Population", "Dossiers")] = "a confirmed lookup is the dossier's IPopulationVerifications: its PopulationFacts for the acting Actor",
        [("Population", "Identity")] = "the lookup endpoint is the desk official's (CurrentUser, role)",

        [("Processing", "Calendar")] = "an apology sets a new due date on the working calendar",
        [("Processing", "Catalog")] = "the result issued is the procedure's",
        [("Processing", "Dossiers")] = "processing acts on the dossier",
        [("Processing", "Identity")] = "each step needs its role",
        [("Processing", "Payments")] = "money taken at the desk is a payment order like an online one (one payment model)",
        [("Processing", "Units")] = "transfer, assignment and coordination are between units",
        [("Processing", "Signatures")] = "the leader's approval signs the draft result, the clerk's issuance stamps the result with the unit's seal (docs/adr/0033a)",

        [("Signatures", "Audit")] = "installing or removing a unit's seal is an administration change, recorded in the audit log",
        [("Signatures", "Dossiers")] = "dossier files are signed within the dossier's own actions, and the dossier records who signed",
        [("Signatures", "Identity")] = "signing needs the official's role, and their title is printed in the signature block",
        [("Signatures", "Units")] = "the remote-signing simulator names a unit's seal certificate after the unit",
        [("Signatures", "Reports")] = "the visible signature block is written in the reports' embedded Noto Sans font",

        [("Ratings", "Audit")] = "a rating given on the desk's screen is logged under the official who opened it",
        [("Ratings", "Dossiers")] = "a rating is of a settled dossier",
        [("Ratings", "Forms")] = "rating links use the public address of Forms:PublicBaseUrl",
        [("Ratings", "Identity")] = "the rating is given by the signed-in citizen's account (CurrentUser)",
        [("Ratings", "Tracking")] = "the applicant rates one of the citizen's own dossiers",
        [("Ratings", "Notifications")] = "an applicant without an account is sent the rating link by e-mail and SMS with the return",

        [("Reception", "Calendar")] = "the receipt's due date",
        [("Reception", "Catalog")] = "the desk receives a dossier of a procedure",
        [("Reception", "Dossiers")] = "reception acts on the dossier",
        [("Reception", "Identity")] = "each step needs its role",
        [("Reception", "Units")] = "the competent unit is chosen at the desk",

        [("Reports", "Catalog")] = "the report's rows are the procedures and their fields",
        [("Reports", "Dossiers")] = "the report counts dossiers, judged by the one definition of late (Timeliness)",
        [("Reports", "Identity")] = "who may see which unit's report",
        [("Reports", "Units")] = "a unit's report covers the units under it, side by side",
        [("Targets", "Dossiers")] = "the metrics are measured on the dossiers (channel, files, results, payments, timeliness)",
        [("Targets", "Identity")] = "who may read and set targets and plans (CurrentUser, roles); officials using the system",
        [("Targets", "Units")] = "a target is a unit's and counts the dossiers of the units under it",
        [("Targets", "Scorecard")] = "a target that means a 766 indicator is measured by the scorecard (IndicatorMeasures): one definition",
        [("Scorecard", "Calendar")] = "late dossiers and the publishing deadlines are counted in working days",
        [("Scorecard", "Catalog")] = "indicators read the procedure versions' flags (fees, paper result, full online) and content",
        [("Scorecard", "Dossiers")] = "the indicators count dossiers, with the one definition of timeliness",
        [("Scorecard", "Identity")] = "officials see the scorecard of their unit and the units under it",
        [("Scorecard", "Ratings")] = "a dislike counts against the unit in indicator 5.4",
        [("Scorecard", "Units")] = "a unit's scorecard rolls up the units under it",

        [("Tracking", "Audit")] = "the citizen's file downloads are logged",
        [("Tracking", "Calendar")] = "the citizen sees the due date",
        [("Tracking", "Catalog")] = "the citizen sees the procedure's components",
        [("Tracking", "Dossiers")] = "the citizen follows the dossier",
        [("Tracking", "Identity")] = "the citizen's account",
        [("Tracking", "Notifications")] = "the citizen sees what was sent",
        [("Tracking", "Ratings")] = "the citizen sees and changes the rating given",
        [("Tracking", "Units")] = "the citizen sees the unit that holds the dossier",

        [("Units", "Audit")] = "changes to units and officials' accounts are logged",
        [("Units", "Identity")] = "officials' accounts and roles",
    };

    private static string? Feature(string ns) =>
        ns.StartsWith(FeaturesNamespace + ".", StringComparison.Ordinal) ? ns[(FeaturesNamespace.Length + 1)..].Split('.')[0] : null;

    private static bool IsPages(string ns) =>
        ns == PagesNamespace || ns.StartsWith(PagesNamespace + ".", StringComparison.Ordinal) || ns == ViewsNamespace;

    private static IEnumerable<(string From, string To, Reference Reference)> FeatureToFeature() =>
        from r in OfApp()
        let user = Feature(r.FromNamespace)
        let used = Feature(r.ToNamespace)
        where user is not null && used is not null && user != used
        select (user, used, r);

    [Fact]
    public void Features_UseOtherFeatures_OnlyAsAllowed()
    {
        var offending = FeatureToFeature().Where(d => !Allowed.ContainsKey((d.From, d.To)))
            .GroupBy(d => $"{d.From} → {d.To}")
            .Select(g => $"{g.Key} is not an allowed dependency:\n    " + string.Join("\n    ", g.Select(d => d.Reference.ToString()).Distinct().Order().Take(10)))
            .Order().ToList();

        offending.ShouldBeEmpty("features using other features outside FeatureDependencyTests.Allowed:\n" + string.Join("\n", offending));
    }

    /// <summary>The list is today's dependencies, not a wish list: an entry nothing uses any more goes.</summary>
    [Fact]
    public void AllowedDependencies_AreAllInUse()
    {
        var used = FeatureToFeature().Select(d => (d.From, d.To)).ToHashSet();

        Allowed.Keys.Where(k => !used.Contains(k)).Select(k => $"{k.From} → {k.To}").ShouldBeEmpty(
            "allowed dependencies no feature has any more: remove them from FeatureDependencyTests.Allowed");
    }

    /// <summary>Pages call features; features and the infrastructure never know the pages, so that a use case
    /// serves the API, the pages and the jobs alike.</summary>
    [Fact]
    public void FeaturesAndInfrastructure_DoNotUsePages()
    {
        var offending = OfApp()
            .Where(r => (r.FromNamespace.StartsWith(FeaturesNamespace + ".", StringComparison.Ordinal) ||
                         r.FromNamespace == InfrastructureNamespace || r.FromNamespace.StartsWith(InfrastructureNamespace + ".", StringComparison.Ordinal))
                        && IsPages(r.ToNamespace))
            .Select(r => r.ToString()).Distinct().Order().ToList();

        offending.ShouldBeEmpty("features and infrastructure must not use pages (MotCua.Web.Pages, Razor views)");
    }

    /// <summary>The scan itself sees what it must: a type used only inside a lambda inside an async method (both
    /// compile into nested types) is counted for the type that wrote it. Without this, a scan that found nothing
    /// would pass every rule above.</summary>
    [Fact]
    public void Scan_SeesTypesUsedInLambdasInsideAsyncMethods()
    {
        var references = Of(typeof(FeatureDependencyTests).Assembly);

        references.ShouldContain(r => r.From.FullName == typeof(ScanSample).FullName && r.To.FullName == "MotCua.Web.Features.Ratings.RateDossier/Request");
        FeatureToFeature().Select(d => (d.From, d.To)).ShouldContain(("Processing", "Dossiers"));
    }
}

/// <summary>Uses a feature's type only in a lambda inside an async method, for the scan's own test.</summary>
internal static class ScanSample
{
    public static async Task<bool> RunAsync()
    {
        await Task.Yield();
        Func<object> make = () => new MotCua.Web.Features.Ratings.RateDossier.Request(true, 5, null);
        return make() is not null;
    }
}
