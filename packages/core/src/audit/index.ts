export { canonicalJson } from './canonical-json.js';
export {
  GENESIS_HASH,
  ChainVerifier,
  chainEvent,
  eventHash,
  payloadDigest,
  verifyChain,
  type AuditEventInput,
  type AuditEventRecord,
  type ChainVerdict,
  type StoredAuditEvent,
} from './hash-chain.js';
