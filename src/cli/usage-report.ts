// How a UsageError is shown: the rule and flag in JSON, a pointer to the right --help for humans.
import type { ErrorReport } from "./output.js";
import type { UsageError } from "./usage-error.js";

export function usageReport(error: UsageError): ErrorReport {
  const help = error.command ? `arr ${error.command} --help` : "arr --help";
  return {
    summary: `${error.message} (rule: ${error.rule})`,
    details: [`Run '${help}' for usage.`],
    json: {
      code: "UsageError",
      message: error.message,
      rule: error.rule,
      ...(error.flag === undefined ? {} : { flag: error.flag }),
      ...(error.command === undefined ? {} : { command: error.command }),
    },
  };
}
