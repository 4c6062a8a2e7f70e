// Reads an answer's body with a size cap, counted while the bytes arrive: a server that sends an
// endless or huge body (with or without Content-Length) is cut off instead of filling memory.
import { AnswerTooLargeError } from './errors';

/**
 * The most any API or authentication answer may hold: 64 MiB. The largest real answers are the
 * definitions of big accounts (GET /databases with every field, interest and collection) and a
 * 1000-profile page of a wide database, a few MB each; the cap leaves a wide margin above them.
 * README "Limits" names the figure.
 */
export const MAX_ANSWER_BYTES = 64 * 1024 * 1024;

/** The body as text; AnswerTooLargeError as soon as more than `maxBytes` arrived or were announced. */
export async function readBody(response: Response, maxBytes: number): Promise<string> {
  const announced = Number(response.headers.get('content-length') ?? NaN);
  const body = response.body;
  if (Number.isFinite(announced) && announced > maxBytes) {
    await body?.cancel().catch(() => undefined);
    throw new AnswerTooLargeError(maxBytes);
  }
  if (body === null) return '';
  const reader = body.getReader();
  // The bytes are kept and decoded once at the end: cheaper than a streaming decode per chunk.
  const parts: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new AnswerTooLargeError(maxBytes);
    }
    parts.push(value);
  }
  return new TextDecoder().decode(parts.length === 1 ? parts[0] : joinBytes(parts, received));
}

function joinBytes(parts: readonly Uint8Array[], length: number): Uint8Array {
  const all = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    all.set(part, at);
    at += part.byteLength;
  }
  return all;
}
