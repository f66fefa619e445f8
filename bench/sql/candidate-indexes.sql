-- Indexes proposed for the office's lists (docs/benchmarks.md, "The office's lists with 1,000,000 dossiers"), named as
-- EF Core would name them (HasDatabaseName for the partial ones), so that what is measured is what the migrations
-- would create. The same SQL runs on SQLite and PostgreSQL:
--   sqlite3 DATA/motcua.db < bench/sql/candidate-indexes.sql        psql "$PG" -f bench/sql/candidate-indexes.sql
-- followed by ANALYZE (SQLite has no statistics until something runs it). Undo with drop-candidate-indexes.sql.
--
-- Every list orders by a time and then by Id (so that paging never repeats or skips a dossier); each index ends with
-- the same columns, so that the database reads the page in order and stops, instead of sorting every candidate.
-- The composite indexes serve SQLite, which reads an IN list of statuses over (Status, DueAtUtc, Id) in order and
-- stops each status at the page. The partial indexes (WHERE ...) serve PostgreSQL, which proves that a query's
-- statuses (constants or parameter values) imply theirs; SQLite 3.50 takes them only for the same constants and,
-- even then, rarely chooses them.

-- "All" (the search page without a query), newest first.
CREATE INDEX IF NOT EXISTS "IX_Dossiers_SubmittedAtUtc_Id" ON "Dossiers" ("SubmittedAtUtc", "Id");
-- SQLite: MyActions of a leader (InProgress by due date), DueSoon, Late.
CREATE INDEX IF NOT EXISTS "IX_Dossiers_Status_DueAtUtc_Id" ON "Dossiers" ("Status", "DueAtUtc", "Id");
-- SQLite: Mine, a specialist's open dossiers by due date.
CREATE INDEX IF NOT EXISTS "IX_Dossiers_AssigneeId_Status_DueAtUtc_Id" ON "Dossiers" ("AssigneeId", "Status", "DueAtUtc", "Id");
-- ToReturn: decided dossiers, oldest result first.
CREATE INDEX IF NOT EXISTS "IX_Dossiers_Status_ProcessingEndedAtUtc_Id" ON "Dossiers" ("Status", "ProcessingEndedAtUtc", "Id");
-- PostgreSQL: DueSoon, Late, Mine and a leader's MyActions: open dossiers by due date.
CREATE INDEX IF NOT EXISTS "IX_Dossiers_Open_DueAtUtc_Id" ON "Dossiers" ("DueAtUtc", "Id")
    WHERE "Status" IN ('Received', 'InProgress', 'SupplementRequested', 'AwaitingFinancialObligation');
-- PostgreSQL: MyActions of the desk (online submissions, received and decided dossiers) by due date.
CREATE INDEX IF NOT EXISTS "IX_Dossiers_DeskActions_DueAtUtc_Id" ON "Dossiers" ("DueAtUtc", "Id")
    WHERE "Status" IN ('Submitted', 'Received', 'Decided');
-- PostgreSQL: AwaitingReception. Without it PostgreSQL walks IX_Dossiers_SubmittedAtUtc_Id from the oldest dossier
-- and filters every one not submitted (it assumes submitted ones are spread evenly in time; they are the newest).
CREATE INDEX IF NOT EXISTS "IX_Dossiers_Submitted_SubmittedAtUtc_Id" ON "Dossiers" ("SubmittedAtUtc", "Id")
    WHERE "Status" = 'Submitted';
