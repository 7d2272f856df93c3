import { Writable } from 'node:stream';

/** A destination for a logger that keeps every line it is given. */
export function captureLines(): { readonly stream: Writable; readonly lines: string[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  return { stream, lines };
}

/**
 * The keys of a JSON object line that occur more than once at its top level: `JSON.parse`
 * keeps the last silently, strict parsers refuse the line.
 */
export function duplicateTopLevelKeys(line: string): string[] {
  const seen = new Set<string>();
  const repeated: string[] = [];
  let depth = 0;
  for (let at = 0; at < line.length; at += 1) {
    const char = line[at];
    if (char === '{' || char === '[') depth += 1;
    else if (char === '}' || char === ']') depth -= 1;
    else if (char === '"') {
      const end = endOfString(line, at);
      const isKey = depth === 1 && line[end + 1] === ':';
      const key = line.slice(at + 1, end);
      if (isKey && seen.has(key)) repeated.push(key);
      if (isKey) seen.add(key);
      at = end;
    }
  }
  return repeated;
}

function endOfString(line: string, start: number): number {
  let at = start + 1;
  while (at < line.length && line[at] !== '"') at += line[at] === '\\' ? 2 : 1;
  return at;
}
