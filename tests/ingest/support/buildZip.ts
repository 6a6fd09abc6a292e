import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import yazl from 'yazl';

/** Writes a real zip (deflated entries) holding `entries` (name -> content). */
export async function buildZip(out: string, entries: Array<[string, string | Buffer]>): Promise<void> {
  const zip = new yazl.ZipFile();
  for (const [name, content] of entries) {
    zip.addBuffer(typeof content === 'string' ? Buffer.from(content, 'utf8') : content, name, { compress: true });
  }
  zip.end();
  const ws = createWriteStream(out);
  zip.outputStream.pipe(ws);
  await once(ws, 'finish');
}

/**
 * Breaks the deflated data of one entry in place: its first bytes become zeros, which inflate refuses
 * ("invalid stored block lengths"). The zip directory stays valid, so the other entries remain readable.
 */
export function corruptEntry(zipBytes: Buffer, entryName: string): Buffer {
  const name = Buffer.from(entryName, 'utf8');
  let at = -1;
  const signature = Buffer.from([0x50, 0x4b, 0x03, 0x04]); // local file header
  for (let i = zipBytes.indexOf(signature); i >= 0; i = zipBytes.indexOf(signature, i + 1)) {
    const nameLen = zipBytes.readUInt16LE(i + 26);
    if (nameLen === name.length && zipBytes.subarray(i + 30, i + 30 + nameLen).equals(name)) {
      at = i;
      break;
    }
  }
  if (at < 0) throw new Error(`entry ${entryName} not found`);
  const out = Buffer.from(zipBytes);
  const dataStart = at + 30 + out.readUInt16LE(at + 26) + out.readUInt16LE(at + 28);
  out.fill(0, dataStart, dataStart + 8);
  return out;
}
