/** The service's version, as in functions/package.json. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const manifest = require("../package.json") as { version: string };
export const SERVICE_VERSION: string = manifest.version;
