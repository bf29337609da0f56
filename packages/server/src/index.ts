export { buildServer, DEFAULT_WEB_ROOT, type ServerOptions, type RouteEntry } from './server.js';
export {
  openDatabase,
  migrateToLatest,
  isPostgresUrl,
  type Database,
  type Dialect,
} from './db/database.js';
export { verifyAuditLog } from './audit/audit-log.js';
export { createUser } from './commands/create-user.js';
export {
  checkImportRow,
  checkImportRows,
  importItemRows,
  resolveImportTarget,
  type CheckedRows,
  type CheckedSource,
  type ImportItems,
  type ImportRow,
  type OnImportItems,
  type ImportTarget,
  type RowProblem,
  type RowsCheck,
  type SourceRow,
  type StreamedImportResult,
} from './commands/import-items.js';
export type { AppContext } from './context.js';
export { ERRORS, ConcordError, type ErrorCode } from './errors.js';
export { GLOBAL_ROLES, PROJECT_ROLES, type GlobalRole, type ProjectRole } from './db/schema.js';
export { VERSION } from './routes/health/index.js';
export { buildSnapshot } from './commands/build-snapshot.js';
export { exportFormats, snapshotExport } from './snapshots/export-format.js';
export { parseConfig } from './presenters/project.js';
export {
  openVault,
  canReveal,
  readVaultRecord,
  readVaultRecords,
  VaultError,
  type Vault,
  type VaultRecord,
} from './phi/index.js';
