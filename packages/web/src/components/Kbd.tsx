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
