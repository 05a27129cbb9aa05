/** `poolguard --help`. */
import { FORMAT_NAMES } from './formatters';

export const USAGE = `Usage: poolguard [options] [paths...]

Find connection-pool misuse in JavaScript and TypeScript: clients built per request,
pools without an effective size limit, idle connections that are never closed.

Lints .js .cjs .mjs .jsx .ts .cts .mts .tsx files in the given files and directories
(default: the current directory). Directories skip node_modules, dist, build, out,
coverage and .git, and honour .gitignore files. No ESLint config is read.

Options:
  -f, --format <name>      Output format: ${FORMAT_NAMES.join(', ')} (default: text)
      --fix                Apply safe autofixes in place (never suggestions)
      --rule <id>=<sev>    Set a rule's severity: off, warn or error (repeatable);
                           <id> with or without the 'poolguard/' prefix
      --max-warnings <n>   Exit with code 1 when there are more than n warnings
      --quiet              Report errors only
      --concurrency <n>    Lint in n worker threads, 'auto' (default: several
                           threads for 400 files or more) or 'off'
  -h, --help               Show this help
  -v, --version            Show the version

Exit codes: 0 no errors, 1 errors found (or too many warnings), 2 usage or internal error.
`;
