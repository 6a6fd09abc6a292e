import type { QuestionType } from '../types';
import { foldKey } from '../../text/fold';
import { collapseSpaces, normalizeSpaces } from '../../text/htmlToText';

/** Small readers shared by both seed page layouts. */

/** Lower case, no accents, straight apostrophes, single spaces, invisible characters dropped: for comparing labels. */
export function foldLabel(s: string): string {
  return foldKey(collapseSpaces(s));
}

/** "14ème législature", "## 14ème legislature", "13e législature". */
const LEGISLATURE_RE = /(\d{1,2})\s*(?:ème|eme|è|e|ᵉ)\s+l[ée]gislature/i;

export function findLegislature(text: string): number | null {
  const m = LEGISLATURE_RE.exec(text);
  return m ? Number(m[1]) : null;
}

export function isLegislatureLine(line: string): boolean {
  return LEGISLATURE_RE.test(line);
}

/** "Question écrite" -> QE, "Question au Gouvernement" -> QG, "Question orale sans débat" -> QOSD. */
export function typeFromLabel(label: string): QuestionType | null {
  const f = foldLabel(label);
  if (/\bquestions? ecrites?\b/.test(f)) return 'QE';
  if (/\bquestions? au gouvernement\b/.test(f)) return 'QG';
  if (/\bquestions? orales?\b/.test(f)) return 'QOSD';
  return null;
}

/** Markdown of the page dumps -> plain text: links keep their label, emphasis loses its asterisks. */
function markdownToText(s: string): string {
  return (
    s
      // Bounded lengths keep this linear on lines full of unclosed "[a](".
      .replace(/\[([^\]\n]{0,500})\]\([^)\n]{0,500}\)/g, '$1')
      .replace(/(\*{1,3})([^*\n]+?)\1/g, '$2')
      .replace(/\\([*_[\]()#])/g, '$1')
  );
}

/** Paragraph lines of a text section -> text with paragraphs separated by a blank line. */
export function sectionText(lines: readonly string[]): string | null {
  const paragraphs = lines.map((l) => collapseSpaces(markdownToText(l))).filter((l) => l !== '');
  const text = normalizeSpaces(paragraphs.join('\n\n'));
  return text === '' ? null : text;
}

/** One-line value, markdown removed; null when empty. */
export function cleanValue(s: string | undefined | null): string | null {
  if (s === undefined || s === null) return null;
  const v = collapseSpaces(markdownToText(s.replace(/<[^<>]*>/g, '')));
  return v === '' ? null : v;
}

const CIVILITY_RE = /^(M\.|Mme|Mlle|MM\.|Mmes|Monsieur|Madame)\s+(.+)$/;

/** "M. Lionel Tardy" -> civility "M.", fullName "Lionel Tardy". */
export function splitCivility(display: string): { civility: string | null; fullName: string } {
  const m = CIVILITY_RE.exec(display.trim());
  if (!m) return { civility: null, fullName: display.trim() };
  const civ = m[1] === 'Monsieur' ? 'M.' : m[1] === 'Madame' ? 'Mme' : (m[1] ?? null);
  return { civility: civ, fullName: (m[2] ?? '').trim() };
}

/**
 * "Haute-Savoie (2^e circonscription) - Les Républicains", "(1^{re} circonscription)": department,
 * number and the group shown by the page. The group separator is " - " (departments contain hyphens).
 */
export function parseCirconscription(value: string): {
  department: string | null;
  circonscription: number | null;
  group: string | null;
} {
  const m =
    /^(.*?)\s*\(\s*(\d{1,3})\s*(?:\^?\s*\{?\s*(?:re|er|e|ème|eme|è|ᵉ)\s*\}?)?\s*circonscription\s*\)\s*(?:[-–]\s*(.*))?$/i.exec(
      value,
    );
  if (m) {
    return {
      department: cleanValue(m[1]),
      circonscription: Number(m[2]),
      group: cleanValue(m[3]),
    };
  }
  const sep = value.indexOf(' - ');
  if (sep === -1) return { department: cleanValue(value), circonscription: null, group: null };
  return {
    department: cleanValue(value.slice(0, sep)),
    circonscription: null,
    group: cleanValue(value.slice(sep + 3)),
  };
}

/** "page 1736", "page : 7835" -> "1736". */
export function findPage(text: string): string | null {
  const m = /\bpage\s*:?\s*(\d{1,6})/i.exec(text);
  return m ? (m[1] ?? null) : null;
}

/** Analyse header "cybercriminalité. rapport. préconisations." -> the three keywords. */
export function splitAnalyses(value: string | null): string[] {
  if (value === null) return [];
  return value
    .split('.')
    .map((s) => collapseSpaces(s))
    .filter((s) => s !== '');
}
