// Calendar checks for date and datetime values. Copernica parses dates with PHP strtotime(),
// which rolls 2023-02-30 over to March 2 instead of refusing it, so the editor refuses it here.
import * as l10n from '@vscode/l10n';

/** Looked up per message, not at load time: the translations are configured after modules load. */
function monthName(month: number): string {
  const names = [
    l10n.t('January'),
    l10n.t('February'),
    l10n.t('March'),
    l10n.t('April'),
    l10n.t('May'),
    l10n.t('June'),
    l10n.t('July'),
    l10n.t('August'),
    l10n.t('September'),
    l10n.t('October'),
    l10n.t('November'),
    l10n.t('December'),
  ];
  return names[month - 1] ?? '';
}

export const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
export const DATETIME_PATTERN = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;
export const ZERO_DATE = '0000-00-00';
export const ZERO_DATETIME = '0000-00-00 00:00:00';

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Why year/month/day is not a real calendar date, or undefined when it is. */
export function impossibleDate(year: number, month: number, day: number): string | undefined {
  if (year < 1) return l10n.t('there is no year 0000');
  if (month < 1 || month > 12)
    return l10n.t('there is no month {0}', String(month).padStart(2, '0'));
  const days = daysInMonth(year, month);
  if (day < 1 || day > days) {
    return l10n.t({
      message: '{0} {1} has {2} days',
      args: [monthName(month), year, days],
      comment: ['{0} month name, {1} year, {2} number of days'],
    });
  }
  return undefined;
}

/** Why hh:mm:ss is not a real time of day, or undefined when it is. */
export function impossibleTime(
  hours: number,
  minutes: number,
  seconds: number,
): string | undefined {
  if (hours > 23) return l10n.t('hours go up to 23');
  if (minutes > 59) return l10n.t('minutes go up to 59');
  if (seconds > 59) return l10n.t('seconds go up to 59');
  return undefined;
}

/** Checks a value already known to match DATE_PATTERN or DATETIME_PATTERN. */
export function impossibleDateTime(value: string): string | undefined {
  const m = DATETIME_PATTERN.exec(value) ?? DATE_PATTERN.exec(value);
  if (!m) return l10n.t('it is not in the expected form');
  const [y, mo, d, h, mi, s] = m.slice(1).map((part) => Number(part ?? '0'));
  return impossibleDate(y ?? 0, mo ?? 0, d ?? 0) ?? impossibleTime(h ?? 0, mi ?? 0, s ?? 0);
}
