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
export type { AppContext } from './context.js';
export { ERRORS, ConcordError, type ErrorCode } from './errors.js';
export { GLOBAL_ROLES, PROJECT_ROLES, type GlobalRole, type ProjectRole } from './db/schema.js';
export { VERSION } from './routes/health/index.js';
