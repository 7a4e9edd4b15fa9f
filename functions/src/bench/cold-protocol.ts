/** What the cold-start child tells the bench over its IPC channel. */
export type ColdChildMessage =
  | {
      kind: "listening";
      port: number;
      /** ms from the child's own start to listening (its clock). */
      bootMs: number;
    }
  | { kind: "error"; message: string };

