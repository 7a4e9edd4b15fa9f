#!/usr/bin/env node
// `npm run bench`: the benchmark (functions/src/bench) from its build,
// rebuilt first when a source is newer (see run-built.js), so the figures
// are always those of the code in the tree. With --json, stdout carries
// the report alone.
"use strict";
require("./run-built").runBuilt("bench/main.js", "bench");
