/**
 * Ministries and political groups of generated archives. Names follow the Assemblée's way of writing them
 * (abrege = short label, developpe = long label; data in institutions.json); organe refs are synthetic but stable
 * per legislature.
 */
import data from './institutions.json';
import { frozen } from './frozen';

export interface MinistryDef {
  key: string;
  abrege: string;
  developpe: string;
  /** How a deputy addresses the minister, without "M. le" / "Mme la": "ministre de l'intérieur". */
  title: string;
  /** Noun phrase naming the department in answers: "le ministère de l'intérieur". */
  self: string;
}

const vocabulary = frozen(data as unknown as { ministries: MinistryDef[]; groups: Record<number, GroupDef[]> });

export const MINISTRIES: readonly MinistryDef[] = vocabulary.ministries;

export function ministryByKey(key: string): MinistryDef {
  const m = MINISTRIES.find((x) => x.key === key);
  if (!m) throw new Error(`generator: ministère inconnu « ${key} »`);
  return m;
}

export interface GroupDef {
  abrege: string;
  developpe: string;
  /** Relative size (seats) used to draw deputies' groups. */
  seats: number;
}

/** Groups by legislature (the main ones; seat counts rounded). */
const GROUPS: Readonly<Record<number, readonly GroupDef[]>> = vocabulary.groups;

export function groupsOf(legislature: number): readonly GroupDef[] {
  return GROUPS[legislature] ?? (GROUPS[13] as readonly GroupDef[]);
}

/** Synthetic but stable organe refs: the same ministry or group gets the same PO in one legislature. */
export function ministryOrganeRef(legislature: number, key: string): string {
  const index = MINISTRIES.findIndex((m) => m.key === key);
  return `PO${700000 + legislature * 1000 + 100 + index}`;
}

export function groupOrganeRef(legislature: number, abrege: string): string {
  const index = groupsOf(legislature).findIndex((g) => g.abrege === abrege);
  return `PO${700000 + legislature * 1000 + 500 + index}`;
}

/** The organe of the Assemblée itself for a legislature (the ASSEMBLEE mandate's organeRef). */
export function assemblyOrganeRef(legislature: number): string {
  return `PO${700000 + legislature * 1000 + 1}`;
}
