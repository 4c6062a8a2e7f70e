// Small text helpers shared by the checks: offsets to positions, quoting values in messages,
// and "did you mean" suggestions.
import * as l10n from '@vscode/l10n';

export interface Position {
  line: number;
  column: number;
}

/** Returns a function mapping an offset to a 1-based line and column (UTF-16 code units). */
export function lineIndex(text: string): (offset: number) => Position {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // \r\n counts once; a lone \r ends a line too, as in VS Code.
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) starts.push(i + 1);
  }
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (starts[lo] ?? 0) + 1 };
  };
}

const MAX_SHOWN = 40;

/** A value as shown in a message: JSON-quoted (so control characters are visible), shortened if long. */
export function quote(value: string): string {
  const chars = Array.from(value);
  if (chars.length <= MAX_SHOWN) return JSON.stringify(value);
  return `${JSON.stringify(chars.slice(0, MAX_SHOWN - 10).join(''))}…`;
}

/** Length in characters as a database counts them: code points, so an emoji is one. */
export function charLength(value: string): number {
  let n = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0xd800 || c > 0xdbff || i + 1 >= value.length) n++;
    else {
      const d = value.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
      n++;
    }
  }
  return n;
}

/** UTF-8 size, stopping early once past `limit` so a huge document costs little. */
export function utf8Length(text: string, limit: number): number {
  let bytes = 0;
  for (let i = 0; i < text.length && bytes <= limit; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * Edit distance where swapping two neighbouring letters counts as one edit ("emial" → "email"),
 * or `limit + 1` as soon as it must exceed `limit`. Only cells within `limit` of the diagonal are
 * filled, so one comparison costs O(length × limit), not O(length²).
 */
export function editDistance(a: string, b: string, limit = Math.max(a.length, b.length)): number {
  const over = limit + 1;
  if (Math.abs(a.length - b.length) > limit) return over;
  let before: number[] = [];
  let prev: number[] = Array.from({ length: b.length + 1 }, (_, j) => (j <= limit ? j : over));
  for (let i = 1; i <= a.length; i++) {
    const row: number[] = new Array<number>(b.length + 1).fill(over);
    row[0] = i <= limit ? i : over;
    let rowMin = row[0];
    for (let j = Math.max(1, i - limit); j <= Math.min(b.length, i + limit); j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(
        (prev[j] ?? over) + 1,
        (row[j - 1] ?? over) + 1,
        (prev[j - 1] ?? over) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, (before[j - 2] ?? over) + 1);
      row[j] = Math.min(best, over);
      rowMin = Math.min(rowMin, row[j] ?? over);
    }
    if (rowMin > limit) return over;
    before = prev;
    prev = row;
  }
  return Math.min(prev[b.length] ?? over, over);
}

/** Beyond these, no "did you mean": a suggestion for a 100-character name helps nobody. */
const MAX_SUGGESTED_LENGTH = 100;

/**
 * The candidate closest to `name`, compared case-insensitively, when it is a plausible typo:
 * at most 1 edit for short names, 2 for names of 6+ characters, 3 for 12+.
 */
export function closest(name: string, candidates: readonly string[]): string | undefined {
  if (name.length > MAX_SUGGESTED_LENGTH) return undefined;
  const wanted = name.toLowerCase();
  const allowed = wanted.length >= 12 ? 3 : wanted.length >= 6 ? 2 : 1;
  let best: string | undefined;
  let bestDistance = allowed + 1;
  for (const candidate of candidates) {
    if (Math.abs(candidate.length - wanted.length) >= bestDistance) continue;
    const d = editDistance(wanted, candidate.toLowerCase(), bestDistance - 1);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/** `message`, followed by "Did you mean …?" when there is a suggestion. */
export function didYouMean(message: string, suggestion: string | undefined): string {
  return suggestion === undefined
    ? message
    : `${message} ${l10n.t('Did you mean "{0}"?', suggestion)}`;
}

/** The candidate equal to `name` ignoring case (but not exactly equal), if any. */
export function sameIgnoringCase(name: string, candidates: readonly string[]): string | undefined {
  const wanted = name.toLowerCase();
  return candidates.find((c) => c !== name && c.toLowerCase() === wanted);
}

/** A control character the database would store invisibly; `allowWhitespace` permits \t \n \r. */
export function findControlCharacter(value: string, allowWhitespace: boolean): number {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (allowWhitespace && (c === 9 || c === 10 || c === 13)) continue;
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) return i;
  }
  return -1;
}

/** Index of a UTF-16 surrogate without its partner (only possible through \u escapes). */
export function findLoneSurrogate(value: string): number {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = value.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
      else return i;
    } else if (c >= 0xdc00 && c <= 0xdfff) return i;
  }
  return -1;
}

export function hex(code: number): string {
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Sets an own property even for a name like "__proto__". */
export function setEntry(target: Record<string, string>, key: string, value: string): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

/**
 * A map of field names to values without a prototype: a field may be called "constructor",
 * "toString" or "__proto__", and reading a missing one must give undefined, not an inherited function.
 */
export function fieldMap(
  entries: Iterable<readonly [string, string]> = [],
): Record<string, string> {
  const map = Object.create(null) as Record<string, string>;
  for (const [key, value] of entries) setEntry(map, key, value);
  return map;
}

/** The map's own value for `key`, whatever the map's prototype (a caller may pass a plain object). */
export function ownValue<T>(map: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(map, key) ? map[key] : undefined;
}
