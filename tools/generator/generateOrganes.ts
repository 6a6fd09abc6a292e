/**
 * The bodies ("organes") of the deputies' history archive (AMO30): the Assemblée of each
 * legislature, its political groups and the ministries the generated questions name, one file each
 * (`organe/PO....json`), with the same refs as the questions and the deputies' mandates.
 */
import { legislatureSpan } from './joDates';
import { MINISTRIES, assemblyOrganeRef, groupOrganeRef, groupsOf, ministryOrganeRef } from './vocabulary/institutions';
import { XMLNS, XMLNS_XSI } from './officialTypes';

export interface OfficialOrganeFile {
  organe: {
    '@xmlns': string;
    '@xmlns:xsi': string;
    '@xsi:type': string;
    uid: string;
    codeType: 'ASSEMBLEE' | 'GP' | 'MINISTERE';
    libelle: string;
    libelleEdition: string;
    libelleAbrege: string;
    libelleAbrev: string;
    viMoDe: { dateDebut: string; dateAgrement: null; dateFin: string | null };
    legislature: string;
    secretariat: { secretaire01: null; secretaire02: null };
  };
}

/** Every organe of the given legislatures, sorted by uid. */
export function generateOrganes(legislatures: readonly number[]): OfficialOrganeFile[] {
  const byUid = new Map<string, OfficialOrganeFile>();
  for (const l of legislatures) {
    const span = legislatureSpan(l);
    const period = { dateDebut: span.start, dateAgrement: null, dateFin: span.ended ? span.end : null };
    const add = (
      uid: string,
      codeType: OfficialOrganeFile['organe']['codeType'],
      libelle: string,
      abrege: string,
    ): void => {
      byUid.set(uid, {
        organe: {
          '@xmlns': XMLNS,
          '@xmlns:xsi': XMLNS_XSI,
          '@xsi:type': codeType === 'GP' ? 'GroupePolitique_type' : 'OrganeParlementaire_Type',
          uid,
          codeType,
          libelle,
          libelleEdition: libelle,
          libelleAbrege: abrege,
          libelleAbrev: abrege,
          viMoDe: period,
          legislature: String(l),
          secretariat: { secretaire01: null, secretaire02: null },
        },
      });
    };
    add(assemblyOrganeRef(l), 'ASSEMBLEE', `Assemblée nationale de la ${l}e législature`, `AN${l}`);
    for (const g of groupsOf(l)) add(groupOrganeRef(l, g.abrege), 'GP', g.developpe, g.abrege);
    for (const m of MINISTRIES) add(ministryOrganeRef(l, m.key), 'MINISTERE', m.developpe, m.abrege);
  }
  return [...byUid.keys()].sort().map((uid) => byUid.get(uid) as OfficialOrganeFile);
}
