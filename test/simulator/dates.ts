// Dates the way Copernica shows them: `YYYY-MM-DD hh:mm:ss`, no zone, server local time
// (Europe/Amsterdam, §6.7). Parsing is a small strtotime() for the forms people actually send.

/** Wall-clock parts; month 1-12. */
export interface WallTime {
  y: number;
  m: number;
  d: number;
  h: number;
  i: number;
  s: number;
}

const AMSTERDAM = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Amsterdam',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

export function formatWall(t: WallTime): string {
  return `${pad(t.y, 4)}-${pad(t.m)}-${pad(t.d)} ${pad(t.h)}:${pad(t.i)}:${pad(t.s)}`;
}

/** Wall time of an instant in Amsterdam. */
export function amsterdamWall(ms: number): WallTime {
  const p: Record<string, number> = {};
  for (const part of AMSTERDAM.formatToParts(new Date(ms))) p[part.type] = Number(part.value);
  return {
    y: p.year ?? 0,
    m: p.month ?? 0,
    d: p.day ?? 0,
    h: p.hour ?? 0,
    i: p.minute ?? 0,
    s: p.second ?? 0,
  };
}

export function nowString(): string {
  return formatWall(amsterdamWall(Date.now()));
}

/** Wall time of a zone-less ms value (UTC fields used as plain wall-clock numbers). */
export function wallFromMs(ms: number): WallTime {
  const d = new Date(ms);
  return {
    y: d.getUTCFullYear(),
    m: d.getUTCMonth() + 1,
    d: d.getUTCDate(),
    h: d.getUTCHours(),
    i: d.getUTCMinutes(),
    s: d.getUTCSeconds(),
  };
}

export function wallToMs(t: WallTime): number {
  // setUTCFullYear, unlike Date.UTC, does not map years 0-99 to 1900-1999.
  const d = new Date(0);
  d.setUTCFullYear(t.y, t.m - 1, t.d);
  d.setUTCHours(t.h, t.i, t.s);
  return d.getTime();
}

/** Parses a `YYYY-MM-DD hh:mm:ss` string as printed by formatWall. */
export function parseWallString(text: string): WallTime | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(text);
  if (!m) return undefined;
  const n = m.slice(1).map(Number);
  return { y: n[0] ?? 0, m: n[1] ?? 0, d: n[2] ?? 0, h: n[3] ?? 0, i: n[4] ?? 0, s: n[5] ?? 0 };
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const TIME = String.raw`(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?)?`;
const ZONE = String.raw`\s*(Z|[+-]\d{2}:?\d{2})?`;

interface DatePattern {
  re: RegExp;
  /** Indexes of year, month, day in the match. */
  ymd: [number, number, number];
}

// The forms strtotime() reads that users plausibly type; everything else counts as unparseable.
const PATTERNS: DatePattern[] = [
  {
    re: new RegExp(String.raw`^(-?\d{4})-(\d{1,2})-(\d{1,2})${TIME}${ZONE}$`, 'i'),
    ymd: [1, 2, 3],
  },
  { re: new RegExp(String.raw`^(\d{4})/(\d{1,2})/(\d{1,2})${TIME}${ZONE}$`, 'i'), ymd: [1, 2, 3] },
  { re: new RegExp(String.raw`^(\d{1,2})-(\d{1,2})-(\d{4})${TIME}${ZONE}$`, 'i'), ymd: [3, 2, 1] },
  {
    re: new RegExp(String.raw`^(\d{1,2})\.(\d{1,2})\.(\d{4})${TIME}${ZONE}$`, 'i'),
    ymd: [3, 2, 1],
  },
  // American m/d/Y, as strtotime reads slashes.
  { re: new RegExp(String.raw`^(\d{1,2})/(\d{1,2})/(\d{4})${TIME}${ZONE}$`, 'i'), ymd: [3, 1, 2] },
  {
    re: new RegExp(String.raw`^(\d{1,2})\s+([a-z]{3,})\.?,?\s+(\d{4})${TIME}${ZONE}$`, 'i'),
    ymd: [3, 2, 1],
  },
  {
    re: new RegExp(String.raw`^([a-z]{3,})\.?\s+(\d{1,2}),?\s+(\d{4})${TIME}${ZONE}$`, 'i'),
    ymd: [3, 1, 2],
  },
];

export type ParsedDate = WallTime | 'negative' | undefined;

/** strtotime()-like parse in Amsterdam time; undefined when unparseable. */
export function parseDate(input: string): ParsedDate {
  const text = input.trim();
  const relative = parseRelative(text.toLowerCase());
  if (relative) return relative;
  for (const pattern of PATTERNS) {
    const m = pattern.re.exec(text);
    if (m) return fromMatch(m, pattern.ymd);
  }
  const timeOnly = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(text);
  if (timeOnly) {
    const today = amsterdamWall(Date.now());
    return normalise({
      ...today,
      h: Number(timeOnly[1]),
      i: Number(timeOnly[2]),
      s: Number(timeOnly[3] ?? 0),
    });
  }
  return undefined;
}

function parseRelative(text: string): WallTime | undefined {
  const now = amsterdamWall(Date.now());
  const midnight = { ...now, h: 0, i: 0, s: 0 };
  const dayMs = 86_400_000;
  switch (text) {
    case 'now':
      return now;
    case 'today':
    case 'midnight':
      return midnight;
    case 'tomorrow':
      return wallFromMs(wallToMs(midnight) + dayMs);
    case 'yesterday':
      return wallFromMs(wallToMs(midnight) - dayMs);
    default:
      return undefined;
  }
}

function monthNumber(text: string): number {
  if (/^\d+$/.test(text)) return Number(text);
  return MONTHS.indexOf(text.slice(0, 3).toLowerCase()) + 1;
}

function fromMatch(m: RegExpExecArray, ymd: [number, number, number]): ParsedDate {
  const y = Number(m[ymd[0]]);
  if (y < 0) return 'negative';
  const wall = {
    y,
    m: monthNumber(m[ymd[1]] ?? ''),
    d: Number(m[ymd[2]]),
    h: Number(m[4] ?? 0),
    i: Number(m[5] ?? 0),
    s: Number(m[6] ?? 0),
  };
  const valid = normalise(wall);
  const zone = m[7];
  if (!valid || !zone) return valid;
  return amsterdamWall(wallToMs(valid) - zoneOffsetMs(zone));
}

function zoneOffsetMs(zone: string): number {
  if (zone.toUpperCase() === 'Z') return 0;
  const digits = zone.replace(':', '');
  const sign = digits.startsWith('-') ? -1 : 1;
  return sign * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5))) * 60_000;
}

/** Range check, then overflow like PHP does (2023-02-30 becomes 2023-03-02). */
function normalise(t: WallTime): WallTime | undefined {
  if (t.m < 1 || t.m > 12 || t.d < 0 || t.d > 31 || t.h > 24 || t.i > 59 || t.s > 59)
    return undefined;
  return wallFromMs(wallToMs(t));
}
