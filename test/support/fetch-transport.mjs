// Loaded with `--import` (npm run test:fetch): every import of the package's Node entry (src/index) resolves
// to its browser entry instead, whose client sends through the global fetch. The client, reliability and CLI
// suites then run unchanged against the second transport; TEST_TRANSPORT tells test helpers (which pass this
// file on to the `arr` processes they start) and the transport tests which one is under test.
// Plain JavaScript: the `arr` child processes run without tsx.
import { register } from "node:module";

process.env.TEST_TRANSPORT = "fetch";
const hooks = `
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  const url = result.url.replace(/\\/src\\/index\\.(ts|js)$/, "/src/index.browser.$1");
  return url === result.url ? result : { ...result, url };
}`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`);
