/** The service's version, as in functions/package.json. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const SERVICE_VERSION: string = require("../package.json").version;
