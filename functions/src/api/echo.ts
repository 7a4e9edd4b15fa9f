/** Longest piece of a client's input repeated in an error message. */
const ECHO_CHARS = 40;

/**
 * A client's input as an error message repeats it: at most ECHO_CHARS
 * characters, the rest replaced by "...". A request is at most 10 kB,
 * but its path is not, and saying the first characters is enough to
 * show which value was wrong.
 */
export function echo(text: string): string {
  const chars = Array.from(text);
  if (chars.length <= ECHO_CHARS) return text;
  return `${chars.slice(0, ECHO_CHARS).join("")}... (${chars.length} chars)`;
}
