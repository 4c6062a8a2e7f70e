// Prints the integration results that the suite wrote from inside VS Code.
function printResults(results, elapsedMs) {
  console.log(
    `\nIntegration suite inside VS Code ${results.vscodeVersion} (appHost: ${results.appHost}, uiKind: ${results.uiKind})`,
  );
  for (const t of results.tests) {
    const mark = t.state === 'passed' ? '  ✔' : t.state === 'pending' ? '  -' : '  ✘';
    console.log(`${mark} ${t.title}${t.durationMs > 75 ? ` (${t.durationMs} ms)` : ''}`);
  }
  const notes = results.notes ?? [];
  // The reliability figures are for `npm run test:reliability`'s report; here they are only counted.
  const figures = notes.filter((n) => n.startsWith('reliability: '));
  for (const n of notes.filter((n) => !n.startsWith('reliability: '))) console.log(`  note: ${n}`);
  if (figures.length > 0)
    console.log(
      `  note: ${figures.length} reliability figure lines recorded (npm run test:reliability prints them as a report)`,
    );
  const failures = results.tests.filter((t) => t.state === 'failed');
  failures.forEach((t, i) =>
    console.log(`\n  ${i + 1}) ${t.title}\n     ${String(t.error).split('\n').join('\n     ')}`),
  );
  console.log(
    `\nintegration: ${results.passed} passing, ${results.failed} failing, ${results.pending} pending (${(elapsedMs / 1000).toFixed(1)} s)`,
  );
}

module.exports = { printResults };
