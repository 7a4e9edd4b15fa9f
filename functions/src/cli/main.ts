/**
 * The command line: `npm run cli -- <command>` (scripts/cli.js runs this
 * file's build). Output for machines goes to stdout, everything else to
 * stderr.
 */
import { ServiceError } from "../domain/errors";
import { USAGE, UsageError } from "./args";
import { backtestCommand } from "./backtest-command";
import { forecastCommand } from "./forecast-command";
import {
  grantAdminCommand,
  revokeAdminCommand,
} from "./grant-admin-command";
import { importCommand } from "./import-command";
import { refreshCommand } from "./refresh-command";
import { rollbackCommand } from "./rollback-command";
import { trainCommand } from "./train-command";
import { tuneCommand } from "./tune-command";
import { waitFreshCommand } from "./wait-fresh-command";

const COMMANDS: Record<string, (argv: string[]) => Promise<number>> = {
  import: importCommand,
  train: trainCommand,
  forecast: forecastCommand,
  backtest: backtestCommand,
  tune: tuneCommand,
  refresh: refreshCommand,
  rollback: rollbackCommand,
  "wait-fresh": waitFreshCommand,
  "grant-admin": grantAdminCommand,
  "revoke-admin": revokeAdminCommand,
};

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "help" || name === "--help") {
    process.stdout.write(USAGE + "\n");
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`Unknown command '${name}'.\n\n${USAGE}\n`);
    return 2;
  }
  try {
    return await command(rest);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`Error: ${error.message}\n\n${USAGE}\n`);
      return 2;
    }
    if (error instanceof ServiceError) {
      process.stderr.write(`Error: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      const text = error instanceof Error ? error.stack : String(error);
      process.stderr.write(`${text}\n`);
      process.exit(1);
    }
  );
}
