/** A key, as shown in hints: <Kbd keys={['g', 'p']} /> reads "g then p". */
export function Kbd({ keys }: { readonly keys: readonly string[] }) {
  return (
    <span className="kbd-group">
      {keys.map((key, i) => (
        <kbd key={`${key}-${i}`} className="kbd">
          {key}
        </kbd>
      ))}
    </span>
  );
}

/** Keys and what each does, as a definition list: the shell's help and the workspace's panel. */
export function KeyList({
  shortcuts,
}: {
  readonly shortcuts: readonly { readonly keys: readonly string[]; readonly does: string }[];
}) {
  return (
    <dl className="keyboard-help__list">
      {shortcuts.map(({ keys, does }) => (
        <div key={does}>
          <dt>
            <Kbd keys={keys} />
          </dt>
          <dd>{does}</dd>
        </div>
      ))}
    </dl>
  );
}
