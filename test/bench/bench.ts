// `npm run bench`: what the extension's network habits save, measured against the simulator with
// an injected per-request latency, beside a naive script doing the same work. Prints tables and
// writes them as JSON (test-results/bench.json, and --json PATH).
//   --latency N     ms added to every API answer (default 50)
//   --profiles N    profiles to page through (default 100000); --page-size N (default 1000)
//   --repeats N     measured runs of the short scenarios, median kept (default 7)
//   --small         the smoke sizes of the unit test (latency 5 ms, 2500 profiles)
//   --no-vsix       skip packaging the .vsix
//   --no-simulator-cache  the simulator renders GET /databases anew for every request
//   --json PATH     also write the JSON here
import * as fs from 'node:fs';
import * as path from 'node:path';
import { measureFootprint, type Footprint } from './footprint';
import { type RunOptions, runBench } from './runBench';
import { CHILD_FLAG, serveSimulatorInChild } from './simHost';
import { footprintTable, pagingTable, scenarioTable } from './table';
import { benchTable, tableBenchText } from './tableBench';
import { TABLE_TARGETS } from './specs';
import { numberArg } from '../simulator/cliArgs';
import { runImportBench } from './importBench';

const root = path.resolve(__dirname, '..', '..');

function stringArg(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const value = args[i + 1];
  if (value === undefined || value.startsWith('--')) throw new Error(`${name} needs a value`);
  return value;
}

function writeJson(file: string, value: unknown): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, `${JSON.stringify(value, null, 2)}\n`);
  fs.renameSync(temp, file);
}

function runOptions(args: string[]): RunOptions {
  const options: RunOptions = {
    small: args.includes('--small'),
    simulatorEntry: __filename,
    progress: (line) => console.error(`[bench] ${line}`),
  };
  const latencyMs = numberArg(args, '--latency');
  const profiles = numberArg(args, '--profiles');
  const pageSize = numberArg(args, '--page-size');
  const repeats = numberArg(args, '--repeats');
  if (latencyMs !== undefined) options.latencyMs = latencyMs;
  if (profiles !== undefined) options.profiles = profiles;
  if (pageSize !== undefined) options.pageSize = Math.min(1000, Math.max(1, pageSize));
  if (repeats !== undefined) options.repeats = Math.max(1, Math.floor(repeats));
  if (args.includes('--no-simulator-cache')) options.simulatorCache = false;
  return options;
}

/** `--table-only`: just the profiles table and export (issue 16). */
async function tableOnly(options: RunOptions): Promise<void> {
  const report = await benchTable({
    latencyMs: options.latencyMs ?? (options.small === true ? 5 : 50),
    profiles: options.profiles ?? (options.small === true ? 2500 : 100_000),
    concurrency: TABLE_TARGETS.concurrency,
    simulatorEntry: options.simulatorEntry,
    progress: options.progress,
  });
  console.log(`\n${tableBenchText(report)}\n`);
  writeJson(path.join(root, 'test-results', 'bench-table.json'), report);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes('--table-only')) return tableOnly(runOptions(args));
  // The import bench takes minutes at 50 ms (25,000 requests): run on its own, `-- --import`.
  if (args.includes('--import')) return runImportBench(args, __filename);
  const report = await runBench(runOptions(args));
  console.error('[bench] footprint');
  const footprint: Footprint = measureFootprint(root, !args.includes('--no-vsix'));
  console.log(
    `\nCopernica for VS Code: network bench (latency ${report.latencyMs} ms per request, simulator in a ${report.simulator}` +
      `${report.simulatorCache ? '' : ' rendering every answer anew'}, Node ${report.node},` +
      ` load average ${report.loadAverage} on ${report.cpus} CPUs)\n`,
  );
  console.log(scenarioTable(report));
  console.log(`\n${pagingTable(report)}`);
  console.log(`\n${footprintTable(footprint)}\n`);
  for (const note of report.notes) console.log(`- ${note}`);
  const options = runOptions(args);
  const table = await benchTable({
    latencyMs: report.latencyMs,
    profiles: options.profiles ?? (options.small === true ? 2500 : 100_000),
    concurrency: TABLE_TARGETS.concurrency,
    simulatorEntry: options.simulatorEntry,
    progress: options.progress,
  });
  console.log(`\n${tableBenchText(table)}\n`);
  const json = { ...report, footprint, table };
  const files = [path.join(root, 'test-results', 'bench.json')];
  const extra = stringArg(args, '--json');
  if (extra !== undefined) files.push(path.resolve(extra));
  for (const file of files) writeJson(file, json);
  console.log(`\nJSON: ${files.join(', ')}`);
}

if (process.argv.includes(CHILD_FLAG)) {
  serveSimulatorInChild();
} else {
  main().catch((error: unknown) => {
    console.error(
      `[bench] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    process.exit(1);
  });
}
