// Shapes of the benchmark's options and results (printed as a table and written as JSON).

export interface BenchOptions {
  /** Injected delay of every API answer, ms. Default 50. */
  latencyMs: number;
  /** Profiles of the paged database (scenario b). */
  profiles: number;
  /** Profiles per page (scenario b). */
  pageSize: number;
  /** The simulator keeps its rendered definition answers (GET /databases) until a definition changes. */
  simulatorCache: boolean;
  /** Run the simulators in child processes (needs the bench bundle's own path). */
  simulatorEntry?: string;
  /** Progress lines while the bench runs. */
  progress?: (line: string) => void;
}

export type Way = 'ours' | 'naive';

/** One scenario done one way. */
export interface Row {
  id: string;
  scenario: string;
  way: Way;
  /** Counted from the simulator's request log. */
  requests: number;
  /** The fewest requests the task can be done with. */
  minRequests: number;
  /** Requests that must follow one another (the task's critical path, not the way's). */
  criticalPath: number;
  wallMs: number;
  /** The same work with no injected latency (median): what is not waiting for round trips. */
  noLatencyMs?: number;
  /** The simulator's own time (routing, serializing, writing; delays excluded), summed over the run's requests, median of the runs. */
  serverMs?: number;
  /** How far the injected delays overshot the latency asked for, summed over the run's requests, median of the runs. */
  delayOverMs?: number;
  /** criticalPath × latency. */
  lowerBoundMs: number;
  /** wallMs / lowerBoundMs. */
  ratio: number;
  /** Ours only: the target, as text, and whether this run met it. */
  target?: string;
  met?: boolean;
  note?: string;
  /** The requests of one run, as `METHOD /path`, when there are few enough to read. */
  sent?: string[];
}

export interface HeapFigures {
  /** True when the figures were taken right after a full garbage collection. */
  afterGc: boolean;
  beforeMb: number;
  /** While the explorer's Pager still holds what it loaded (what the tree shows). */
  withPagerMb?: number;
  afterMb: number;
}

export interface PagingDetail {
  way: Way;
  /** What was paged: a database's profiles (scenario b, the default) or a selection's (g). */
  list?: 'database' | 'selection';
  pages: number;
  profiles: number;
  firstPageMs: number;
  lastPageMs: number;
  /** Median of the first 5 pages and of the last 5: single pages are noisy. */
  firstPagesMedianMs: number;
  lastPagesMedianMs: number;
  lastVsFirst: number;
  /**
   * One page at the deep end with no injected latency (median of 5, same client for both query
   * shapes): what the simulator and the client spend on a page besides the round trip.
   */
  deepPageNoLatencyMs?: number;
  heap: HeapFigures;
}

export interface BenchReport {
  startedAt: string;
  node: string;
  latencyMs: number;
  profiles: number;
  pageSize: number;
  simulator: 'child process' | 'in process';
  /** Whether the simulator kept its rendered definition answers (SimulatorOptions.cacheDefinitionAnswers). */
  simulatorCache: boolean;
  /** 1-minute load average when the bench ended: other work on the machine makes the wall times noisy. */
  loadAverage: number;
  cpus: number;
  rows: Row[];
  paging: PagingDetail[];
  /** Scenario a's one GET done bare (fetch and JSON.parse, no client, no checks): the floor that answer allows here. */
  bareSchemaGet?: { wallMs: number; ratio: number };
  notes: string[];
}
