import { ProxyError } from '../proxy-error';

/** The largest request body the proxy reads (CONTRACT: a lead is far smaller). */
export const MAX_BODY_BYTES = 32 * 1024;

/**
 * Reads a request body as JSON, counting bytes while reading so that an oversized body is
 * refused (413) without being buffered whole; then checks the media type (415) and the JSON
 * itself (400), in that order.
 */
export async function readJsonBody(
  request: Request,
  maxBytes = MAX_BODY_BYTES,
  /** On Node, the raw request: read directly, it skips the web-stream wrapper. */
  incoming?: AsyncIterable<Uint8Array>,
): Promise<unknown> {
  const declared = Number(request.headers.get('content-length') ?? 'NaN');
  const tooLarge = () =>
    new ProxyError(413, 'payload_too_large', `The body is larger than ${maxBytes / 1024} KB.`);
  if (declared > maxBytes) throw tooLarge();
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (incoming) {
    for await (const chunk of incoming) {
      size += chunk.byteLength;
      if (size > maxBytes) throw tooLarge();
      chunks.push(chunk);
    }
  } else if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw tooLarge();
      }
      chunks.push(value);
    }
  }
  const type = (request.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') {
    throw new ProxyError(415, 'unsupported_media_type', 'Send the body as application/json.');
  }
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return JSON.parse(text);
  } catch {
    throw new ProxyError(400, 'malformed_json', 'The body is not valid JSON.');
  }
}
