/*
 * Regulated (PHI) projects on the server (issue 6): the vault of originals, the surrogate
 * secret, `phi:reveal` grants, credentials, purges and the compliance report.
 */
export {
  createVault,
  openVault,
  parseVaultKey,
  vaultKeyId,
  VaultError,
  VAULT_KEY_FILE,
  type OpenVaultOptions,
  type Vault,
  type VaultKeySource,
} from './vault.js';
export {
  readVaultRecord,
  readVaultRecords,
  requireVault,
  projectSecret,
  type StoredReplacement,
  type VaultRecord,
} from './records.js';
export {
  canReveal,
  grantPermission,
  listPermissions,
  revokePermission,
  type PermissionGrant,
} from './permissions.js';
export { revealItem, type Revealed } from './reveal.js';
export { purgeExpiredVaults, purgeVault, type VaultPurge } from './purge.js';
export {
  missingCredentials,
  parseCredentials,
  requireCredentials,
  setCredentials,
} from './credentials.js';
export {
  buildComplianceReport,
  renderComplianceHtml,
  REPORT_CAPS,
  type ComplianceReport,
} from './compliance-report.js';
