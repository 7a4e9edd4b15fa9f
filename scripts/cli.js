#!/usr/bin/env node
// `npm run cli -- <command>`: the CLI (functions/src/cli) from its build,
// rebuilt first when a source is newer (see run-built.js).
"use strict";
require("./run-built").runBuilt("cli/main.js", "cli");
