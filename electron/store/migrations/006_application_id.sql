-- Marks the file as this app's database ('RPOS' in the header's application_id), so a restore can
-- tell one of our backups from any other SQLite file that happens to have a `settings` table.
PRAGMA application_id = 1380994899;
