// Prints the integration results that the suite wrote from inside VS Code.
function printResults(results, elapsedMs) {
  console.log(`\nIntegration suite inside VS Code ${results.vscodeVersion} (appHost: ${results.appHost}, uiKind: ${results.uiKind})`);
  for (const t of results.tests) {
    const mark = t.state === 'passed' ? '  ✔' : t.state === 'pending' ? '  -' : '  ✘';
    console.log(`${mark} ${t.title}${t.durationMs > 75 ? ` (${t.durationMs} ms)` : ''}`);
  }
  for (const n of results.notes ?? []) console.log(`  note: ${n}`);
  const failures = results.tests.filter((t) => t.state === 'failed');
  failures.forEach((t, i) => console.log(`\n  ${i + 1}) ${t.title}\n     ${String(t.error).split('\n').join('\n     ')}`));
  console.log(`\nintegration: ${results.passed} passing, ${results.failed} failing, ${results.pending} pending (${(elapsedMs / 1000).toFixed(1)} s)`);
}

module.exports = { printResults };
