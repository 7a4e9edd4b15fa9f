/**
 * The result file that emulator-probe.ts writes inside `firebase
 * emulators:exec` and the bench reads once the emulators have stopped.
 */
export type EmulatorProbeResult =
  | {
      ok: true;
      category: string;
      /** Years written by the import. */
      importedYears: number;
      importMs: number;
      /** From the end of the import to the first recorded version. */
      firstVersionMs: number;
      /** Versions recorded once no new one came for settleMs. */
      burst: number;
      settleMs: number;
      /** Per edit: write of one year document to a new model_version. */
      editMs: number[];
    }
  | { ok: false; reason: string };
