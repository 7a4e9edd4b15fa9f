#!/usr/bin/env node
// `node scripts/load-test.js [--url <api base>] [--requests 2000]
// [--concurrency 20] [--category sex]`: the bounded load test
// (functions/src/bench/load-test.ts) against the api function on the
// emulators, 127.0.0.1 only; exits non-zero on any error. Runs from the
// functions' build, rebuilt first when a source is newer (run-built.js).
"use strict";
require("./run-built").runBuilt("bench/load-main.js", "load");
