#!/usr/bin/env bash
# Adds the EF Core migration NAME to both migrations sets, from the current model:
#   SQLite:     SmartUnion.Domain/Data/Migrations            (design-time factory SmartUnion.Domain/Data/DesignTimeDbContextFactory.cs)
#   PostgreSQL: SmartUnion.Migrations.PostgreSQL/Migrations  (design-time factory in that project)
# No database server is needed. Review both generated files: hand-written SQL (migrationBuilder.Sql) is
# provider-specific and must be written for each set.
# Usage: scripts/add-migration.sh AddMustChangePassword
set -euo pipefail
cd "$(dirname "$0")/.."
name="${1:?usage: scripts/add-migration.sh NAME}"

dotnet tool restore >/dev/null
# Builds SmartUnion.Domain too (a project reference).
dotnet build SmartUnion.Migrations.PostgreSQL -c Release -v quiet -nologo | grep -E "error|Warn" || true
dotnet ef migrations add "$name" --no-build --configuration Release --context AppDbContext \
  --project SmartUnion.Domain --startup-project SmartUnion.Domain --output-dir Data/Migrations
dotnet ef migrations add "$name" --no-build --configuration Release --context AppDbContext \
  --project SmartUnion.Migrations.PostgreSQL --startup-project SmartUnion.Migrations.PostgreSQL --output-dir Migrations
echo "Added migration $name to SmartUnion.Domain/Data/Migrations (SQLite) and SmartUnion.Migrations.PostgreSQL/Migrations (PostgreSQL)."
