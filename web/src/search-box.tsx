/** A search field over products, by name or SKU. */
export function SearchBox({ label, value, onChange }: { label: string; value: string; onChange: (v: string) => void }) {
  return (
    <input
      type="search"
      aria-label={label}
      placeholder="Search by name or SKU"
      value={value}
      onChange={(event) => onChange(event.target.value)}
    />
  );
}
