-- Candidate indexes for the citizen portal's reads (docs/benchmarks.md, "The citizen portal's reads"), named as the
-- EF Core migration would name them; the same SQL for SQLite and PostgreSQL. Run on a copy of a data set, then
-- ANALYZE (bench/portal.sh does both for the "-idx" sets, with CANDIDATES=1).
-- Applied since commit 53c8b24 (migration PortalReadIndexes, both providers): on a data set made by that code or later
-- this re-creates the same indexes (DROP/CREATE ... IF [NOT] EXISTS), so it still runs but changes nothing.

-- ListMyDossiers: the account's dossiers without the NULLs of every desk-received dossier. SQLite's statistics count
-- all NULLs as one value, so with the full index `CitizenAccountId = ?` looks like half the table ("100000 50000" in
-- sqlite_stat1 at 100,000 dossiers) and the planner walks IX_Dossiers_SubmittedAtUtc_Id over every dossier instead.
DROP INDEX IF EXISTS "IX_Dossiers_CitizenAccountId_SubmittedAtUtc";
CREATE INDEX IF NOT EXISTS "IX_Dossiers_CitizenAccountId_SubmittedAtUtc" ON "Dossiers" ("CitizenAccountId", "SubmittedAtUtc")
    WHERE "CitizenAccountId" IS NOT NULL;

-- ListMyDocuments: the owner's store in page order (newest first), instead of sorting all of it for every page.
CREATE INDEX IF NOT EXISTS "IX_CitizenDocuments_OwnerIdNumber_AddedAtUtc_Id" ON "CitizenDocuments" ("OwnerIdNumber", "AddedAtUtc", "Id");
