import '../../styles/phi.css';

/**
 * Marks a project that holds protected health information: what it imports is de-identified,
 * and the originals are kept only in the encrypted vault.
 */
export function PhiBadge() {
  return (
    <span
      className="phi-badge"
      title="Protected health information: de-identified on import; originals only in the encrypted vault"
    >
      PHI
    </span>
  );
}
