// Reading an answer's body: bytes kept and decoded once, the size cap counted as they arrive.
import * as assert from 'node:assert/strict';
import { readBody } from '../../src/api/body';
import { AnswerTooLargeError } from '../../src/api/errors';

function chunked(chunks: number[][], headers: Record<string, string> = {}): Response {
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const c of chunks) controller.enqueue(new Uint8Array(c));
      controller.close();
    },
  });
  return new Response(stream, { headers });
}

describe('API: reading a body', () => {
  it('decodes a character split across chunks, and non-ASCII names intact', async () => {
    // {"n":"é"} with é (C3 A9) cut between two chunks, then "ü" and "ß" whole in a third.
    const text = await readBody(
      chunked([
        [0x7b, 0x22, 0x6e, 0x22, 0x3a, 0x22, 0xc3],
        [0xa9],
        [0xc3, 0xbc, 0xc3, 0x9f, 0x22, 0x7d],
      ]),
      1000,
    );
    assert.equal(text, '{"n":"éüß"}');
  });

  it('an empty body is empty text; a single chunk is decoded as it is', async () => {
    assert.equal(await readBody(chunked([]), 10), '');
    assert.equal(await readBody(chunked([[0x5b, 0x5d]]), 10), '[]');
  });

  it('stops at the cap while the bytes arrive, with or without a Content-Length', async () => {
    const ten = Array.from({ length: 10 }, () => 0x20);
    await assert.rejects(readBody(chunked([ten, ten, ten]), 25), AnswerTooLargeError);
    await assert.rejects(
      readBody(chunked([ten], { 'content-length': '5000' }), 25),
      AnswerTooLargeError,
    );
    assert.equal((await readBody(chunked([ten, ten]), 25)).length, 20);
  });
});
