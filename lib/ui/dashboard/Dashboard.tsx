/** Compliance dashboard (compliance issue). Placeholder until it lands. */
export function Dashboard() {
  return <p>—</p>;
}
