// `npm run simulator`: starts the simulator with the demo data and prints where it listens.
//   --port N      fixed port (default 0: a free one, printed)
//   --profiles N  add the `Big` database with N profiles
//   --latency MS  delay every API answer
import { startSimulator } from './index';
import { numberArg } from './cliArgs';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const sim = await startSimulator({
    port: numberArg(args, '--port') ?? 0,
    bigProfiles: numberArg(args, '--profiles') ?? 0,
    latencyMs: numberArg(args, '--latency') ?? 0,
  });
  console.log(`Copernica simulator: ${sim.url}`);
  console.log(`API token: ${sim.token}`);
  console.log(`Auth URL: ${sim.authUrl}`);
  console.log(
    `API: ${sim.url}/v4/ (Bearer JWT), ${sim.url}/v3/?access_token=… ; controls: ${sim.url}/__sim/`,
  );
  const stop = (): void => {
    sim.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
