// Where the benchmark's simulator runs. By default in a child process of its own, as a real server
// would be: in-process, its work (filtering 100,000 profiles per page) would stall the client's
// event loop and its data would sit in the heap the bench reports. The unit test runs it in-process.
import { fork, type ChildProcess } from 'node:child_process';
import { simulatorControlsOverHttp, startSimulator } from '../simulator';
import type { RecordedRequest, SimulatorOptions } from '../simulator/types';

export interface SimHost {
  url: string;
  authUrl: string;
  token: string;
  /** The simulator's own log of API requests (control requests are not in it). */
  requests(): Promise<RecordedRequest[]>;
  clearRequests(): Promise<void>;
  setLatency(ms: number): Promise<void>;
  close(): Promise<void>;
}

export const CHILD_FLAG = '--simulator-child';

interface Ready {
  url: string;
  authUrl: string;
  token: string;
}

export async function startSimHost(
  options: SimulatorOptions,
  entry: string | undefined,
): Promise<SimHost> {
  return entry === undefined ? inProcess(options) : inChild(options, entry);
}

async function inProcess(options: SimulatorOptions): Promise<SimHost> {
  const sim = await startSimulator(options);
  return {
    url: sim.url,
    authUrl: sim.authUrl,
    token: sim.token,
    requests: () => Promise.resolve(sim.controls.requests()),
    clearRequests: () => Promise.resolve(sim.controls.clearRequests()),
    setLatency: (ms) => Promise.resolve(sim.controls.setLatency(ms)),
    close: () => sim.close(),
  };
}

async function inChild(options: SimulatorOptions, entry: string): Promise<SimHost> {
  const child = fork(entry, [CHILD_FLAG], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    execArgv: [],
  });
  const ready = await new Promise<Ready>((resolve, reject) => {
    child.once('message', (message) => resolve(message as Ready));
    child.once('error', reject);
    child.once('exit', (code) =>
      reject(new Error(`the simulator process ended with code ${String(code)} before it listened`)),
    );
    child.send(options);
  });
  const controls = simulatorControlsOverHttp(ready.url);
  return {
    ...ready,
    requests: () => controls.requests(),
    clearRequests: () => controls.clearRequests(),
    setLatency: (ms) => controls.setLatency(ms),
    close: () => stopChild(child),
  };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** The child's side: start the simulator with the options the parent sends, answer where it listens. */
export function serveSimulatorInChild(): void {
  process.once('message', (options) => {
    startSimulator(options as SimulatorOptions).then(
      (sim) => {
        const ready: Ready = { url: sim.url, authUrl: sim.authUrl, token: sim.token };
        process.send?.(ready);
        const stop = (): void => {
          void sim.close().then(() => process.exit(0));
        };
        process.once('SIGTERM', stop);
        process.once('disconnect', stop);
      },
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  });
}
