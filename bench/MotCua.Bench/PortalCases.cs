using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MotCua.Web.Features.Catalog;
using MotCua.Web.Features.DocumentStore;
using MotCua.Web.Features.Dossiers;
using MotCua.Web.Features.Identity;
using MotCua.Web.Features.OnlineSubmission;
using MotCua.Web.Features.Tracking;
using MotCua.Web.Features.Units;
using MotCua.Web.Infrastructure;

namespace MotCua.Bench;

/// <summary>Values taken from the data set for the portal's cases: the demo citizen's dossiers and documents, codes
/// and lookup codes of any dossiers, the first demo commune, and the draft <c>GetDraft</c> opens.</summary>
internal sealed record PortalSamples(
    int Mine, int Documents, IReadOnlyList<string> MyCodes, IReadOnlyList<(string Code, string LookupCode)> Lookups,
    Guid CommuneId, string CommuneName, Guid? DraftId, string? DraftProcedure, string DraftNote, string StoreNote, string? FewCode);

/// <summary>What the citizen portal reads (<c>portal</c> verb), as the demo citizen <c>congdan</c> (verified with the
/// e-ID, so "my dossiers" is <c>CitizenAccountId = account OR applicant ID = personal ID</c>) or anonymously.
/// <c>seed-demo</c> gives that account every 40th dossier: ~250 at 10,000 dossiers, ~2,500 at 100,000, a worst
/// case for one person.</summary>
internal static class PortalCases
{
    public const string Citizen = "congdan";
    /// <summary>A verified citizen with the usual handful of dossiers (one received at the desk under their ID number),
    /// made by <c>--prepare true</c>: "my dossiers" of a person whose rows are rare among N.</summary>
    public const string FewCitizen = "bench.congdan";
    /// <summary>No claims: the public lookup and the catalog are anonymous.</summary>
    public const string Anonymous = "";

    public static List<Case> All(PortalSamples s)
    {
        var cases = new List<Case>
        {
            new("ListMyDossiers (page 1)", Citizen, async (sp, _) =>
                (await sp.GetRequiredService<ListMyDossiers.Handler>().HandleAsync(1, CancellationToken.None)).Items.Count),
            // Clamped to the last page by the handler: OFFSET over all the citizen's dossiers.
            new("ListMyDossiers (last page)", Citizen, async (sp, _) =>
                (await sp.GetRequiredService<ListMyDossiers.Handler>().HandleAsync(int.MaxValue, CancellationToken.None)).Items.Count),
            new("GetMyDossier (dossier page)", Citizen, async (sp, i) =>
                await sp.GetRequiredService<GetMyDossier.Handler>().HandleAsync(s.MyCodes[i % s.MyCodes.Count], CancellationToken.None) is { } view
                    ? 1 + view.Timeline.Count + view.Components.Count
                    : throw new InvalidOperationException("A sampled dossier of the citizen was not found.")),
            new("ListMyDocuments (page 1)", Citizen, async (sp, _) =>
                (await sp.GetRequiredService<ListMyDocuments.Handler>().HandleAsync(null, 1, CancellationToken.None)).Items.Count),
            new("ListMyDocuments (results)", Citizen, async (sp, _) =>
                (await sp.GetRequiredService<ListMyDocuments.Handler>().HandleAsync(CitizenDocumentKind.Result, 1, CancellationToken.None)).Items.Count),
            new("ListMyDocuments (last page)", Citizen, async (sp, _) =>
                (await sp.GetRequiredService<ListMyDocuments.Handler>().HandleAsync(null, int.MaxValue, CancellationToken.None)).Items.Count),
            new("LookupDossier (code + lookup code)", Anonymous, async (sp, i) =>
            {
                var (code, lookup) = s.Lookups[i % s.Lookups.Count];
                return await sp.GetRequiredService<LookupDossier.Handler>().HandleAsync(code, lookup, CancellationToken.None) is { } view
                    ? 1 + view.Timeline.Count
                    : throw new InvalidOperationException("A sampled dossier was not found by its lookup code.");
            }),
            new("LookupDossier (wrong lookup code)", Anonymous, async (sp, i) =>
                await sp.GetRequiredService<LookupDossier.Handler>().HandleAsync(s.Lookups[i % s.Lookups.Count].Code, "XXXXXX", CancellationToken.None) is null
                    ? 0 : throw new InvalidOperationException("A wrong lookup code was accepted.")),
            new("SearchProcedures (unit + 'dang ky khai sinh')", Anonymous, async (sp, _) =>
                (await sp.GetRequiredService<SearchProcedures.Handler>().HandleAsync(
                    new SearchProcedures.Query(Q: "dang ky khai sinh", UnitId: s.CommuneId), CancellationToken.None)).Items.Count),
            new("SearchProcedures (unit, page 1)", Anonymous, async (sp, _) =>
                (await sp.GetRequiredService<SearchProcedures.Handler>().HandleAsync(
                    new SearchProcedures.Query(UnitId: s.CommuneId), CancellationToken.None)).Items.Count),
        };
        if (s.FewCode is not null)
        {
            cases.Add(new("ListMyDossiers (1 dossier, page 1)", FewCitizen, async (sp, _) =>
                (await sp.GetRequiredService<ListMyDossiers.Handler>().HandleAsync(1, CancellationToken.None)).Items.Count));
            cases.Add(new("ListMyDossiers (1 dossier) [rewrite]", FewCitizen, (sp, _) => Rewrites.MyDossiersAsync(sp, 1)));
        }
        cases.Add(new("ListMyDocuments (page 1) [rewrite]", Citizen, (sp, _) => Rewrites.MyDocumentsAsync(sp, null, 1)));
        cases.Add(new("ListMyDocuments (results) [rewrite]", Citizen, (sp, _) => Rewrites.MyDocumentsAsync(sp, CitizenDocumentKind.Result, 1)));
        cases.Add(new("ListMyDossiers (page 1) [rewrite]", Citizen, (sp, _) => Rewrites.MyDossiersAsync(sp, 1)));
        cases.Add(new("ListMyDossiers (last page) [rewrite]", Citizen, (sp, _) => Rewrites.MyDossiersAsync(sp, int.MaxValue)));
        if (s.DraftId is { } draftId)
            cases.Add(new("GetDraft (with data-store offers)", Citizen, async (sp, _) =>
                await sp.GetRequiredService<GetDraft.Handler>().HandleAsync(draftId, CancellationToken.None) is { } view
                    ? view.Slots.Sum(slot => slot.Offers.Count)
                    : throw new InvalidOperationException("The draft was not found.")));
        return cases;
    }

    /// <param name="createDraft">Start a draft for the citizen (<c>StartDraft.Handler</c>, the one write of the bench)
    /// when they have none yet; the procedure is the online one whose components their data store can fill most.</param>
    /// <param name="prepare">The bench's writes, each done once per data set: give the citizen's data store one
    /// document per component and result file of their dossiers (<see cref="FillStoreAsync"/>), start a draft
    /// (StartDraft.Handler) on the online procedure whose components the store can fill most, and create the
    /// verified citizen <see cref="FewCitizen"/>.</param>
    public static async Task<PortalSamples> SampleAsync(BenchApp app, bool prepare)
    {
        var (createDraft, fillStore) = (prepare, prepare);
        Citizen citizen;
        await using (var scope = app.Services.CreateAsyncScope())
            citizen = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByNameAsync(Citizen) as Citizen
                      ?? throw new InvalidOperationException($"No citizen '{Citizen}': was the database prepared with seed-demo?");
        var desk = await app.OfficialAsync(Cases.Desk);
        UnitTree.Node commune;
        await using (var scope = app.Services.CreateAsyncScope())
            commune = await scope.ServiceProvider.GetRequiredService<UnitTree>().AdministrativeUnitOfAsync(desk.UnitId, CancellationToken.None);

        var accountId = citizen.Id;
        var idNumber = citizen.PersonalIdNumber;
        var storeNote = "as seeded";
        if (fillStore && await app.WithDbAsync(db => db.CitizenDocuments.CountAsync(d => d.OwnerIdNumber == idNumber)) < 10)
            storeNote = $"filled by the bench: {await app.WithDbAsync(db => FillStoreAsync(db, idNumber)):N0} documents added";
        var (mine, documents, myCodes, lookups, existingDraft) = await app.WithDbAsync(async db =>
        {
            var ofCitizen = db.Dossiers.AsNoTracking().Where(d => d.CitizenAccountId == accountId || d.Applicant.IdNumber == idNumber).OrderBy(d => d.Code);
            var count = await ofCitizen.CountAsync();
            if (count == 0) throw new InvalidOperationException($"'{Citizen}' has no dossiers: was the database prepared with seed-demo --dossiers N?");
            var codes = new List<string>();
            for (var i = 0; i < 50; i++)
                codes.Add((await ofCitizen.Skip((int)((long)count * i / 50)).Select(d => d.Code).FirstAsync())!);
            var all = db.Dossiers.AsNoTracking().Where(d => d.Code != null).OrderBy(d => d.Code);
            var total = await all.CountAsync();
            var pairs = new List<(string, string)>();
            for (var i = 0; i < 50; i++)
            {
                var row = await all.Skip((int)((long)total * i / 50)).Select(d => new { d.Code, d.LookupCode }).FirstAsync();
                pairs.Add((row.Code!, row.LookupCode));
            }
            var docs = await db.CitizenDocuments.CountAsync(d => d.OwnerIdNumber == idNumber);
            var draft = await db.DossierDrafts.AsNoTracking().Where(d => d.AccountId == accountId && !d.Assisted && d.SubmittedDossierId == null)
                .OrderByDescending(d => d.CreatedAtUtc).Select(d => new { d.Id, d.ProcedureCode }).FirstOrDefaultAsync();
            return (count, docs, codes.Distinct().ToList(), pairs, draft is null ? ((Guid, string)?)null : (draft.Id, draft.ProcedureCode));
        });

        var draftId = existingDraft?.Item1;
        var draftProcedure = existingDraft?.Item2;
        var note = draftId is null ? "none (run with --create-draft true)" : $"existing draft {draftId} ({draftProcedure})";
        if (draftId is null && createDraft)
        {
            var principal = await app.PrincipalAsync(Citizen);
            var chosen = await app.WithDbAsync(async db =>
            {
                // How many documents of the store each component code has, and the online procedure that would offer most.
                var byCode = await db.CitizenDocuments.AsNoTracking().Where(d => d.OwnerIdNumber == idNumber && d.ComponentCode != null)
                    .GroupBy(d => d.ComponentCode!).Select(g => new { Code = g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Code, x => x.Count);
                var versions = await (from p in db.Procedures
                                      from v in db.ProcedureVersions
                                      where v.Id == p.CurrentVersionId && v.OnlineLevel != OnlineLevel.None
                                      select new { p.Code, v.Content }).AsNoTracking().ToListAsync();
                return versions
                    .Select(v => (v.Code, Offers: v.Content.Components.Where(c => c.Form != ComponentForm.OriginalToShow).Sum(c => byCode.GetValueOrDefault(c.Code))))
                    .OrderByDescending(x => x.Offers).ThenBy(x => x.Code, StringComparer.Ordinal).First();
            });
            var draft = await app.AsRequestAsync(principal, async sp =>
            {
                var start = sp.GetRequiredService<StartDraft.Handler>();
                var view = await start.GetAsync(chosen.Code, CancellationToken.None) ?? throw new InvalidOperationException($"No procedure {chosen.Code}.");
                var place = view.Places.FirstOrDefault(p => p.Id == commune.Id) ?? view.Places[0];
                return await start.HandleAsync(new StartDraft.Request(chosen.Code, place.Id, false), CancellationToken.None);
            });
            (draftId, draftProcedure) = (draft.Id, chosen.Code);
            note = $"created draft {draftId} ({draftProcedure}, {chosen.Offers} documents of the store match its components)";
        }
        string? fewCode = null;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            if (await users.FindByNameAsync(FewCitizen) is Citizen few)
                fewCode = await app.WithDbAsync(db => db.Dossiers.Where(d => d.Applicant.IdNumber == few.PersonalIdNumber).Select(d => d.Code).FirstOrDefaultAsync());
            else if (prepare)
            {
                // The applicant of a dossier in the middle of the period, who registers and verifies with the e-ID.
                var (code, _) = lookups[25];
                var applicant = await app.WithDbAsync(db => db.Dossiers.Where(d => d.Code == code).Select(d => new { d.Applicant.FullName, d.Applicant.IdNumber }).SingleAsync());
                var created = await users.CreateAsync(new Citizen
                {
                    Id = Guid.CreateVersion7(), UserName = FewCitizen, FullName = applicant.FullName, PersonalIdNumber = applicant.IdNumber!,
                    Email = "bench.congdan@example.vn", EmailConfirmed = true, VerifiedWithElectronicIdentity = true,
                }, "MotCua@2026");
                if (!created.Succeeded) throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
                fewCode = code;
            }
        }
        return new PortalSamples(mine, documents, myCodes, lookups, commune.Id, commune.Name, draftId, draftProcedure, note, storeNote, fewCode);
    }

    /// <summary><c>seed-demo</c> attaches one demo scan (one StoredFile) to every dossier, and a store keeps a file once
    /// per owner, so the demo citizen's store holds a single document however many dossiers they have. This gives
    /// them what the DocumentStoreInterceptor would have filed had every file been its own: for each component and
    /// result file of their dossiers, a StoredFile row (same stored content, new id) and a CitizenDocument, added when
    /// the file was. Written once per data set (the only other write of the bench besides the draft).</summary>
    private static async Task<int> FillStoreAsync(AppDbContext db, string idNumber)
    {
        var files = await (from f in db.Set<DossierFile>()
                           join d in db.Dossiers on f.DossierId equals d.Id
                           where d.Applicant.IdNumber == idNumber && (f.Purpose == DossierFilePurpose.Component || f.Purpose == DossierFilePurpose.Result)
                           join s in db.StoredFiles on f.StoredFileId equals s.Id
                           select new
                           {
                               f.Purpose, f.FileName, f.AddedAtUtc, DossierId = d.Id, d.Code,
                               Component = db.Set<DossierComponent>().Where(c => c.Id == f.ComponentId).Select(c => new { c.Name, c.RequirementCode }).FirstOrDefault(),
                               Result = db.Set<ResultDocument>().Where(r => r.Id == f.ResultId).Select(r => new { r.Name, r.Number, r.IssuedAtUtc }).FirstOrDefault(),
                               s.ContentType, s.Length, s.Sha256, s.StorageKey,
                           }).AsNoTracking().ToListAsync();
        var added = 0;
        foreach (var chunk in files.Chunk(500))
        {
            foreach (var f in chunk)
            {
                var stored = new StoredFile(Guid.CreateVersion7(), f.FileName, f.ContentType, f.Length, f.Sha256, f.StorageKey, f.AddedAtUtc);
                var document = f.Purpose == DossierFilePurpose.Component && f.Component is { } c
                    ? new CitizenDocument(idNumber, CitizenDocumentKind.Component, c.Name, c.RequirementCode, stored.Id, f.FileName, f.DossierId, f.Code, null, null, null, f.AddedAtUtc)
                    : f.Purpose == DossierFilePurpose.Result && f.Result is { } r
                        ? new CitizenDocument(idNumber, CitizenDocumentKind.Result, r.Name, null, stored.Id, f.FileName, f.DossierId, f.Code, r.Number, r.IssuedAtUtc, null, f.AddedAtUtc)
                        : null;
                if (document is null) continue;
                db.StoredFiles.Add(stored);
                db.CitizenDocuments.Add(document);
                added++;
            }
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }
        // Statistics as the app keeps them (SQLite: Database.AnalyzeAsync after a bulk load; PostgreSQL: autovacuum).
        await db.Database.ExecuteSqlRawAsync("ANALYZE");
        return added;
    }
}
