// The profiles table inside a real VS Code: the webview's DOM read through its frames (playwright),
// the requests read from the simulator's own log.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import type { RecordedRequest } from '../simulator/types';
import { signIn, simulator, waitFor } from './support/setup';
import { click, inGrid, press, type, waitInGrid } from './support/webview';

const writes = (requests: RecordedRequest[]): RecordedRequest[] =>
  requests.filter((r) => r.method !== 'GET' && r.path.startsWith('/v4/'));
const listings = (requests: RecordedRequest[]): RecordedRequest[] =>
  requests.filter((r) => r.method === 'GET' && /\/v4\/database\/\d+\/profiles$/.test(r.path));

async function openNewsletter(): Promise<{ total: number }> {
  const opened = (await vscode.commands.executeCommand('copernica.openTable', 'Newsletter')) as
    { total: number } | undefined;
  assert.ok(opened, 'the table did not open');
  await waitInGrid('the first rows', () => document.querySelector('[role=row][data-id]') !== null);
  return opened;
}

/** The first shown row's ID and the text of its cell in `column`. */
function firstRow(column: string): { id: string; value: string } {
  const row = document.querySelector('[role=row][aria-rowindex="2"]') as HTMLElement;
  const cell = row.querySelector(`[data-col="${column}"]`) as HTMLElement;
  return { id: row.dataset.id ?? '', value: cell.textContent ?? '' };
}

async function editFirstRow(column: string, value: string): Promise<string> {
  const { id } = await inGrid(firstRow, column);
  await click(`[aria-rowindex="2"] [data-col="${column}"]`, true);
  await waitInGrid(
    'the cell editor',
    () => document.querySelector('[role=gridcell] input') !== null,
  );
  await press('Control+A');
  await type(value);
  await press('Enter');
  return id;
}

describe('Table: profiles table in a webview', function () {
  this.timeout(60_000);

  beforeEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  afterEach(async () => {
    (await simulator()).controls.reset();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('opens with a header of field names and types, an ARIA grid, and only the visible rows in the DOM', async () => {
    const { sim } = await signIn();
    sim.controls.clearRequests();
    const { total } = await openNewsletter();
    const shown = await inGrid(() => ({
      rowcount: document.querySelector('[role=grid]')?.getAttribute('aria-rowcount'),
      headers: Array.from(document.querySelectorAll('[role=columnheader]'), (h) => h.textContent),
      rows: document.querySelectorAll('[role=row][data-id]').length,
    }));
    assert.strictEqual(shown.rowcount, String(total + 1));
    assert.ok(shown.headers.includes('emailemail'), `headers: ${shown.headers.join(' | ')}`);
    assert.ok(shown.headers.includes('ageinteger'), `headers: ${shown.headers.join(' | ')}`);
    assert.ok(shown.rows > 5 && shown.rows < 80, `${shown.rows} rows in the DOM of ${total}`);
    assert.strictEqual(
      listings(sim.controls.requests()).length,
      1,
      'opening asked for more than one page',
    );
  });

  it('a jump to the end loads the last page only, by ID order descending, nothing of the middle', async () => {
    const { sim } = await signIn();
    const { total } = await openNewsletter();
    sim.controls.clearRequests();
    await inGrid(() => {
      const scroller = document.querySelector('.scroller') as HTMLElement;
      scroller.scrollTop = scroller.scrollHeight;
    });
    const last = await waitInGrid(
      'the last row',
      (index) =>
        (document.querySelector(`[aria-rowindex="${index}"]`) as HTMLElement | null)?.dataset.id,
      total + 1,
    );
    assert.match(last, /^\d+$/);
    // The last page (descending, cut to size) and, when the view spans two pages, the one before it by `id<`.
    const asked = listings(sim.controls.requests());
    const shown = JSON.stringify(asked.map((r) => r.query));
    assert.ok(asked.length >= 1 && asked.length <= 2, shown);
    assert.strictEqual(asked[0]?.query.order, 'desc', shown);
    assert.ok(
      asked.every((r) => r.query.start === undefined),
      `an offset was used (the middle was walked): ${shown}`,
    );
    // Scrolling back up a little asks for the page before by ID, not by offset.
    sim.controls.clearRequests();
    await inGrid(() => {
      const scroller = document.querySelector('.scroller') as HTMLElement;
      scroller.scrollTop = scroller.scrollHeight - scroller.clientHeight - 24 * 130;
    });
    await waitFor('a page before the last', () => listings(sim.controls.requests()).length > 0);
    const before = listings(sim.controls.requests())[0];
    assert.ok(String(before?.query['fields[]']).startsWith('id<'), JSON.stringify(before?.query));
  });

  it('an edited cell is marked, and Save sends exactly one PUT with only that field', async () => {
    const { sim } = await signIn();
    await openNewsletter();
    const value = `Table ${Date.now() % 100000}`;
    const id = await editFirstRow('firstname', value);
    await waitInGrid(
      'the edited mark',
      () => document.querySelector('[data-col="firstname"].edited') !== null,
    );
    sim.controls.clearRequests();
    await click('.bar button:first-child');
    await waitInGrid(
      'the row saved',
      () => document.querySelector('[aria-rowindex="2"] .rowstatus.ok') !== null,
    );
    const sent = writes(sim.controls.requests());
    assert.strictEqual(sent.length, 1, JSON.stringify(sent.map((r) => `${r.method} ${r.path}`)));
    assert.strictEqual(sent[0]?.method, 'PUT');
    assert.strictEqual(sent[0]?.path, `/v4/profile/${id}`);
    assert.deepStrictEqual(JSON.parse(sent[0]?.body ?? ''), { fields: { firstname: value } });
    const after = await inGrid(firstRow, 'firstname');
    assert.strictEqual(after.value, value);
    assert.strictEqual(await inGrid(() => document.querySelectorAll('.edited').length), 0);
  });

  it('a bad value is marked on the cell with the message and never sent', async () => {
    const { sim } = await signIn();
    await openNewsletter();
    await editFirstRow('age', 'twelve');
    const marked = await waitInGrid('the invalid mark', () => {
      const cell = document.querySelector('[data-col="age"].invalid');
      return cell
        ? { title: cell.getAttribute('title'), invalid: cell.getAttribute('aria-invalid') }
        : undefined;
    });
    assert.strictEqual(marked.invalid, 'true');
    assert.match(marked.title ?? '', /integer|whole number|number/i);
    sim.controls.clearRequests();
    const disabled = await inGrid(
      () => (document.querySelector('.bar button') as HTMLButtonElement).disabled,
    );
    assert.strictEqual(disabled, true, 'Save is offered for an invalid value only');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    assert.deepStrictEqual(writes(sim.controls.requests()), []);
  });

  it('Save of two rows lists the changes and asks first; declined, nothing is sent', async () => {
    const { sim, api } = await signIn();
    const asked: string[] = [];
    api.usePrompter({
      confirm: async (message, detail) => (asked.push(`${message}\n${detail}`), false),
      conflict: async () => 'cancel',
    });
    try {
      await openNewsletter();
      await editFirstRow('firstname', 'First');
      await waitInGrid('one edit', () => document.querySelectorAll('.edited').length === 1);
      await click('[aria-rowindex="3"] [data-col="firstname"]', true);
      await waitInGrid(
        'the cell editor',
        () => document.querySelector('[role=gridcell] input') !== null,
      );
      await press('Control+A');
      await type('Second');
      await press('Enter');
      await waitInGrid('two edits', () => document.querySelectorAll('.edited').length === 2);
      sim.controls.clearRequests();
      await click('.bar button:first-child');
      await waitFor('the question', () => asked.length > 0);
      assert.match(asked[0] ?? '', /2 rows/);
      assert.match(asked[0] ?? '', /firstname: ".*" → "First"/);
      assert.match(asked[0] ?? '', /firstname: ".*" → "Second"/);
      assert.deepStrictEqual(writes(sim.controls.requests()), []);
      assert.strictEqual(await inGrid(() => document.querySelectorAll('.edited').length), 2);
    } finally {
      api.usePrompter(undefined);
    }
  });

  it('Alt+Enter opens the focused row as its profile document', async () => {
    await signIn();
    await openNewsletter();
    const { id } = await inGrid(firstRow, 'email');
    await click('[aria-rowindex="2"] [data-col="email"]');
    await press('Alt+Enter');
    const editor = await waitFor('the profile document', () =>
      vscode.window.visibleTextEditors.find(
        (e) => e.document.uri.scheme === 'copernica' && e.document.uri.path.endsWith(`/${id}.json`),
      ),
    );
    assert.strictEqual(JSON.parse(editor.document.getText()).ID, id);
  });

  it('opens the subprofiles of a collection and a search result as tables, each from its own listing', async () => {
    const { sim } = await signIn();
    sim.controls.clearRequests();
    const orders = (await vscode.commands.executeCommand('copernica.openCollectionTable', {
      database: 'Customers',
      collection: 'Orders',
    })) as { title: string; total: number } | undefined;
    assert.ok(orders && orders.total > 0, JSON.stringify(orders));
    await waitInGrid(
      'subprofile rows',
      () => document.querySelector('[role=row][data-id]') !== null,
    );
    const asked = sim.controls
      .requests()
      .filter((r) => /\/v4\/collection\/\d+\/subprofiles$/.test(r.path));
    assert.strictEqual(asked.length, 1);
    const headers = await inGrid(() =>
      Array.from(
        document.querySelectorAll('[role=columnheader]'),
        (h) => h.firstChild?.textContent,
      ),
    );
    assert.ok(!headers.includes('interests'), 'subprofiles have no interests column');

    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const found = (await vscode.commands.executeCommand('copernica.openSearchTable', {
      database: 'Newsletter',
      conditions: 'age>=60',
    })) as { total: number } | undefined;
    assert.ok(found && found.total > 0);
    await waitInGrid('search rows', () => document.querySelector('[role=row][data-id]') !== null);
    const ages = await inGrid(() =>
      Array.from(document.querySelectorAll('[role=row][data-id] [data-col="age"]'), (c) =>
        Number(c.textContent),
      ),
    );
    assert.ok(ages.length > 0 && ages.every((a) => a >= 60), `ages ${ages.join(',')}`);
  });

  it("opens a selection's profiles as a table, from the selection's own listing", async () => {
    const { sim } = await signIn();
    sim.controls.clearRequests();
    const opened = (await vscode.commands.executeCommand('copernica.openTable', {
      view: '4',
    })) as { title: string; total: number } | undefined;
    assert.ok(opened && opened.total > 0, JSON.stringify(opened));
    assert.match(opened.title, /Newsletter › Tennis fans/);
    await waitInGrid(
      'selection rows',
      () => document.querySelector('[role=row][data-id]') !== null,
    );
    const paths = sim.controls
      .requests()
      .filter((r) => r.method === 'GET' && r.path.endsWith('/profiles'))
      .map((r) => r.path);
    assert.deepStrictEqual([...new Set(paths)], ['/v4/view/4/profiles']);
    const interests = await inGrid(() =>
      Array.from(
        document.querySelectorAll('[role=row][data-id] [data-col="interests"]'),
        (c) => c.textContent ?? '',
      ),
    );
    assert.ok(
      interests.length > 0 && interests.every((i) => i.includes('tennis')),
      interests.join(' | '),
    );
  });

  it('hidden and shown again, the table is back at the same place with its edits', async () => {
    await signIn();
    await openNewsletter();
    await inGrid(() => {
      (document.querySelector('.scroller') as HTMLElement).scrollTop = 24 * 300;
    });
    await waitInGrid(
      'rows around 300',
      () => document.querySelector('[aria-rowindex="305"][data-id]') !== null,
    );
    await click('[aria-rowindex="305"] [data-col="lastname"]', true);
    await waitInGrid(
      'the cell editor',
      () => document.querySelector('[role=gridcell] input') !== null,
    );
    await press('Control+A');
    await type('Kept while hidden');
    await press('Enter');
    await waitInGrid('the edited mark', () => document.querySelector('.edited') !== null);
    await vscode.commands.executeCommand('workbench.action.files.newUntitledFile');
    await waitFor('the table hidden', async () => {
      try {
        await inGrid(() => true);
        return false;
      } catch {
        return true;
      }
    });
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    const back = await waitInGrid('the table shown again with its edit', () => {
      const edited = document.querySelector('.edited');
      const scroller = document.querySelector('.scroller') as HTMLElement;
      return edited ? { text: edited.textContent, top: scroller.scrollTop } : undefined;
    });
    assert.strictEqual(back.text, 'Kept while hidden');
    assert.ok(Math.abs(back.top - 24 * 300) < 48, `scrolled to ${back.top}`);
  });
});
