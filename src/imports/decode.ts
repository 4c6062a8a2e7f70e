// Bytes of an import file to text: UTF-8 only, with or without a byte-order mark. Anything else is
// refused with the place it goes wrong, never decoded into replacement characters that would then
// be written into profiles.
import * as l10n from '@vscode/l10n';
import { type FileProblem, LIMITS } from './types';

export type Decoded =
  { ok: true; text: string; bom: boolean } | { ok: false; problem: FileProblem };

function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/** The length of the valid UTF-8 sequence at `i`, or 0 when it is not one. */
function sequenceLength(bytes: Uint8Array, i: number): number {
  const b = bytes[i] ?? 0;
  if (b < 0x80) return 1;
  const [n, min] =
    b >= 0xc2 && b <= 0xdf
      ? [2, 0x80]
      : b >= 0xe0 && b <= 0xef
        ? [3, 0x800]
        : b >= 0xf0 && b <= 0xf4
          ? [4, 0x10000]
          : [0, 0];
  if (n === 0 || i + n > bytes.length) return 0;
  let code = b & (0xff >> (n + 1));
  for (let k = 1; k < n; k++) {
    const c = bytes[i + k] ?? 0;
    if ((c & 0xc0) !== 0x80) return 0;
    code = (code << 6) | (c & 0x3f);
  }
  const surrogate = code >= 0xd800 && code <= 0xdfff;
  return code < min || code > 0x10ffff || surrogate ? 0 : n;
}

/** The offset of the first byte that is not valid UTF-8, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length;) {
    const n = sequenceLength(bytes, i);
    if (n === 0) return i;
    i += n;
  }
  return -1;
}

export function decodeImport(bytes: Uint8Array): Decoded {
  if (bytes.length > LIMITS.MAX_FILE_BYTES) {
    return fail(
      l10n.t(
        'The file is {0} MB; an import may be at most {1} MB. Split it into smaller files.',
        (bytes.length / 1024 / 1024).toFixed(1),
        LIMITS.MAX_FILE_BYTES / 1024 / 1024,
      ),
    );
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return fail(
      l10n.t(
        'The file is UTF-16 text. Save it as UTF-8 (with or without BOM) and import it again.',
      ),
    );
  }
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  const zero = body.indexOf(0);
  if (zero >= 0) {
    const line = lineAt(body, zero);
    return fail(
      l10n.t(
        'Line {0} holds binary data (a zero byte): this is not a CSV or JSON Lines text file.',
        line,
      ),
      line,
    );
  }
  const invalid = firstInvalidUtf8(body);
  if (invalid >= 0) {
    const line = lineAt(body, invalid);
    return fail(
      l10n.t(
        'Line {0} is not valid UTF-8 (byte {1}, 0x{2}). Save the file as UTF-8 and import it again.',
        line,
        invalid + (bom ? 4 : 1),
        (body[invalid] ?? 0).toString(16).toUpperCase().padStart(2, '0'),
      ),
      line,
    );
  }
  return { ok: true, text: new TextDecoder('utf-8').decode(body), bom };
}

function fail(message: string, line?: number): Decoded {
  return { ok: false, problem: line === undefined ? { message } : { message, line } };
}
