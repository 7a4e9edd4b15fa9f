import { HttpError } from "./http-errors";
import { categorySchema, describeIssues } from "./schemas";

/** The `<category>` of a path, or 400 naming the known ones. */
export function parseCategory(raw: string | undefined) {
  const result = categorySchema.safeParse(raw);
  if (!result.success) {
    throw new HttpError(400, describeIssues(result.error, raw));
  }
  return result.data;
}
