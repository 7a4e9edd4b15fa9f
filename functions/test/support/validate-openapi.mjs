// Validates the OpenAPI document on stdin and prints one JSON line. The
// validator is an ES module, which jest's CommonJS runtime cannot load,
// so the tests run this file in a child Node process.
import { Validator } from "@seriousme/openapi-schema-validator";

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const validator = new Validator();
const result = await validator.validate(
  JSON.parse(Buffer.concat(chunks).toString("utf8"))
);
process.stdout.write(
  JSON.stringify({
    valid: result.valid,
    version: validator.version,
    errors: result.errors ?? null,
  })
);
