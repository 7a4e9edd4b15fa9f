/**
 * Which forecast a request may ask for. "auto" serves the method the
 * category's backtest chose; "lstm" serves the category's LSTM whatever
 * the backtest says.
 */
export const MODEL_CHOICES = ["auto", "lstm"] as const;
export type ModelChoice = (typeof MODEL_CHOICES)[number];

/** Name of the service's own LSTM among the backtest's candidates. */
export const LSTM_METHOD = "lstm";
