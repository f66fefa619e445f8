-- Removes every index bench/sql/candidate-indexes.sql creates, and the variants measured before it.
DROP INDEX IF EXISTS "IX_Dossiers_SubmittedAtUtc_Id";
DROP INDEX IF EXISTS "IX_Dossiers_Status_DueAtUtc_Id";
DROP INDEX IF EXISTS "IX_Dossiers_AssigneeId_Status_DueAtUtc_Id";
DROP INDEX IF EXISTS "IX_Dossiers_Status_ProcessingEndedAtUtc_Id";
DROP INDEX IF EXISTS "IX_Dossiers_Open_DueAtUtc_Id";
DROP INDEX IF EXISTS "IX_Dossiers_DeskActions_DueAtUtc_Id";
DROP INDEX IF EXISTS "IX_Dossiers_Submitted_SubmittedAtUtc_Id";
DROP INDEX IF EXISTS "IX_Dossiers_SubmittedAtUtc";
DROP INDEX IF EXISTS "IX_Dossiers_Status_DueAtUtc";
DROP INDEX IF EXISTS "IX_Dossiers_Status_ProcessingEndedAtUtc";
DROP INDEX IF EXISTS "IX_Dossiers_AssigneeId_Status_DueAtUtc";
DROP INDEX IF EXISTS "IX_Dossiers_DueAtUtc_Open";
DROP INDEX IF EXISTS "IX_Dossiers_AssigneeId_DueAtUtc_Open";
DROP INDEX IF EXISTS "IX_Dossiers_DueAtUtc_DeskActions";
DROP INDEX IF EXISTS "IX_Dossiers_SubmittedAtUtc_Submitted";
