/**
 * Which browser origins may call the API, from a comma-separated list such
 * as `https://dash.example.org,http://localhost:*`. A `*` in place of the
 * port allows any port of that host; a lone `*` allows every origin.
 */
export function originMatcher(list: string): (origin: string) => boolean {
  const entries = list
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
  if (entries.includes("*")) return () => true;
  const patterns = entries.map(toPattern);
  return (origin) => patterns.some((pattern) => pattern.test(origin));
}

/** The default: the dashboard's dev server on any localhost port. */
export const LOCALHOST_ORIGINS = "http://localhost:*,http://127.0.0.1:*";

function toPattern(entry: string): RegExp {
  const anyPort = entry.endsWith(":*");
  const base = anyPort ? entry.slice(0, -2) : entry;
  const escaped = base.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
  return new RegExp(`^${escaped}${anyPort ? "(:\\d+)?" : ""}$`);
}
