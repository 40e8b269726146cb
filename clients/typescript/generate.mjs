// Regenerates the typed client from the OpenAPI document that a running service serves:
//   npm --prefix clients run generate                    (service on http://localhost:8080)
//   npm --prefix clients run generate -- --url http://localhost:23081/v3/api-docs
// With --check it writes nothing and fails when the committed files differ from what the
// service serves now (CI runs it against the freshly built jar).
import { readFile, writeFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const check = args.includes("--check");
const urlIndex = args.indexOf("--url");
const url = urlIndex >= 0 ? args[urlIndex + 1] : (process.env.API_DOCS_URL ?? "http://localhost:8080/v3/api-docs");

const response = await fetch(url).catch((error) => {
  console.error(`Cannot fetch ${url}: ${error.cause?.code ?? error.message}. Is the service running?`);
  process.exit(2);
});
if (!response.ok) {
  console.error(`${url} answered ${response.status}`);
  process.exit(2);
}
const document = await response.json();

const header = `// Generated from the service's OpenAPI document by clients/typescript/generate.mjs. Do not edit:
// run \`npm --prefix clients run generate\` against a running service instead.
`;
const files = {
  "openapi.json": JSON.stringify(document, null, 2) + "\n",
  "src/schema.d.ts": header + astToString(await openapiTS(document, { alphabetize: true })),
};

let stale = [];
for (const [name, content] of Object.entries(files)) {
  const path = join(here, name);
  if (check) {
    const committed = await readFile(path, "utf8").catch(() => "");
    if (committed !== content) {
      stale.push(relative(process.cwd(), path));
    }
  } else {
    await writeFile(path, content);
    console.log(`wrote ${relative(process.cwd(), path)}`);
  }
}
if (stale.length > 0) {
  console.error(`The generated client is out of date with the service (${url}): ${stale.join(", ")}.`);
  console.error("Start the service and run `npm --prefix clients run generate`, then commit the result.");
  process.exit(1);
}
if (check) {
  console.log(`clients/typescript matches ${url}`);
}
