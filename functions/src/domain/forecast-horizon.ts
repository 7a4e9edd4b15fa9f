/**
 * The longest forecast the service makes, in years after the last year of
 * history. The API accepts years_ahead up to this, and every trained
 * version stores its forecast this far ahead (see storage/forecast-json).
 */
export const MAX_YEARS_AHEAD = 10;
