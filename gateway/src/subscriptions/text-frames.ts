import type { Writable } from 'node:stream';

// FIN set, opcode 1 (text): a whole message in one frame
const FINAL_TEXT = 0x81;
const LENGTH_16 = 126;
const LENGTH_64 = 127;

/**
 * One final, unmasked text frame (RFC 6455 §5.2), as a server sends, whose payload is the
 * concatenation of `parts`: a 2–10 byte header, then the parts, in one buffer.
 */
export function textFrame(parts: readonly Buffer[]): Buffer {
  let length = 0;
  for (const part of parts) length += part.length;
  const headerLength = length < LENGTH_16 ? 2 : length < 65_536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(headerLength + length);
  frame[0] = FINAL_TEXT;
  if (headerLength === 2) frame[1] = length;
  else if (headerLength === 4) {
    frame[1] = LENGTH_16;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = LENGTH_64;
    frame.writeBigUInt64BE(BigInt(length), 2);
  }
  let offset = headerLength;
  for (const part of parts) offset += part.copy(frame, offset);
  return frame;
}

/**
 * Writes one text message, the concatenation of `parts`, as a single frame on a WebSocket's
 * TCP socket: a result serialised once is written to every subscriber behind that subscriber's
 * own prefix. The frame is built in one buffer (a small one comes from Node's pool) and written
 * once: copying a few hundred bytes costs less than a stream write per part, and it leaves in
 * one system call (or later with others, when a write batch holds the socket).
 *
 * Only for a socket whose `ws` sender writes each frame at once, as it does without
 * permessage-deflate (off on the gateway's server): then no frame of its own can be cut by these.
 */
export function writeTextFrame(socket: Writable, parts: readonly Buffer[]): void {
  socket.write(textFrame(parts));
}
