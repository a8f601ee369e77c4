"""Where a kiosk keeps its data: the SQLite database (engine, models, migrations, plain
SQL for the hot paths), named settings, the audit log, backups and the instance lock, the
data folder's paths and permissions, logs, and start-up's readiness check. Nothing here
knows about pledges' rules; everything above builds on it. Empty on purpose: start-up
imports `readiness` and `setting_keys` before the database layer loads."""
