import type { Category } from "../../src/domain/categories";
import type { History } from "../../src/domain/history";
import type { HistorySource } from "../../src/data/history-source";

/**
 * A HistorySource whose histories a test sets and changes at will, or
 * makes fail, to drive retraining without a database.
 */
export class MemoryHistorySource implements HistorySource {
  private readonly histories = new Map<Category, History>();
  /** When set, every read throws it. */
  failWith: Error | null = null;
  reads = 0;

  set(category: Category, history: History): void {
    this.histories.set(category, history);
  }

  async read(category: Category): Promise<History> {
    this.reads += 1;
    if (this.failWith) throw this.failWith;
    const history = this.histories.get(category);
    return history ?? { years: [], groups: [], values: [] };
  }
}

/** A smooth two-group history, `shift` added to every count. */
export function sexHistory(
  first = 1990,
  last = 2014,
  shift = 0
): History {
  const years: number[] = [];
  const values: number[][] = [];
  for (let year = first; year <= last; year++) {
    const t = year - first;
    years.push(year);
    values.push([20000 + 400 * t + shift, 30000 + 700 * t - (t % 3) * 90]);
  }
  return { years, groups: ["MALE", "FEMALE"], values };
}
