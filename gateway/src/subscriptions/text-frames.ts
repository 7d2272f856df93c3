import type { Writable } from 'node:stream';

// FIN set, opcode 1 (text): a whole message in one frame
const FINAL_TEXT = 0x81;
const LENGTH_16 = 126;
const LENGTH_64 = 127;

/** The header of a final, unmasked text frame of `length` payload bytes (RFC 6455 §5.2), as a server sends. */
export function textFrameHeader(length: number): Buffer {
  if (length < LENGTH_16) return Buffer.from([FINAL_TEXT, length]);
  if (length < 65_536) {
    const header = Buffer.allocUnsafe(4);
    header[0] = FINAL_TEXT;
    header[1] = LENGTH_16;
    header.writeUInt16BE(length, 2);
    return header;
  }
  const header = Buffer.allocUnsafe(10);
  header[0] = FINAL_TEXT;
  header[1] = LENGTH_64;
  header.writeBigUInt64BE(BigInt(length), 2);
  return header;
}

/**
 * Writes one text message, the concatenation of `parts`, as a single frame on a WebSocket's
 * TCP socket, without copying the parts: a result serialised once is written as it is to every
 * subscriber, behind that subscriber's own prefix. The socket is corked around the frame, so it
 * leaves in one system call (or later with others, when a write batch holds it).
 *
 * Only for a socket whose `ws` sender writes each frame at once, as it does without
 * permessage-deflate (off on the gateway's server): then no frame of its own can be cut by these.
 */
export function writeTextFrame(socket: Writable, parts: readonly Buffer[]): void {
  let length = 0;
  for (const part of parts) length += part.length;
  socket.cork();
  socket.write(textFrameHeader(length));
  for (const part of parts) socket.write(part);
  socket.uncork();
}
