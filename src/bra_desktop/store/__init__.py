"""Storage: engine and sessions, migrations, seeding, repository, change log, backups. No Qt."""
