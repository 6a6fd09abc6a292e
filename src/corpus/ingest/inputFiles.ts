/** The local inputs of an ingest run: a file, or the files of a folder. */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

/** A file, or every non-hidden file under a folder (recursive, sorted by path). */
export async function expand(input: string): Promise<string[]> {
  const info = await stat(input);
  if (!info.isDirectory()) return [input];
  const out: string[] = [];
  const walk = async (dir: string) => {
    const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
    );
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      const full = path.join(dir, e.name);
      if (e.isDirectory()) await walk(full);
      else if (e.isFile()) out.push(full);
    }
  };
  await walk(input);
  return out;
}
