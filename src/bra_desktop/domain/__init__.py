"""The register's data model and rules: tables, field descriptions, validation, hashing. No Qt."""
