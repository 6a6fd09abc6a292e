/**
 * The deputy files (AMO "acteurs" dataset shape) matching the acteurRef / mandatRef of generated questions.
 */
import { type DeputySeat, deputyPool } from './deputies';
import { dayToIso, legislatureSpan } from './joDates';
import { assemblyOrganeRef, groupOrganeRef } from './vocabulary/institutions';
import { type OfficialActeurFile, type OfficialMandat, XMLNS, XMLNS_XSI } from './officialTypes';

export interface GenerateActeursOptions {
  seed: number;
  /** Default 17 unless `legislatures` is given. */
  legislature?: number;
  legislatures?: number[];
}

function trigramme(prenom: string, nom: string): string {
  const letters = (s: string): string =>
    s
      .normalize('NFD')
      .replace(/[^A-Za-z]/g, '')
      .toUpperCase();
  return `${letters(prenom).slice(0, 1)}${letters(nom).slice(0, 2)}`.padEnd(3, 'X');
}

function mandates(seat: DeputySeat): OfficialMandat[] {
  const span = legislatureSpan(seat.legislature);
  const start = dayToIso(seat.startDay);
  const end = seat.endDay !== null ? dayToIso(seat.endDay) : span.ended ? span.end : null;
  const common = {
    '@xmlns:xsi': XMLNS_XSI,
    acteurRef: seat.person.acteurRef,
    legislature: String(seat.legislature),
    dateDebut: start,
    datePublication: start,
    dateFin: end,
  };
  const assembly: OfficialMandat = {
    ...common,
    '@xsi:type': 'MandatParlementaire_type',
    uid: seat.mandatRef,
    typeOrgane: 'ASSEMBLEE',
    preseance: '50',
    nominPrincipale: '1',
    infosQualite: { codeQualite: 'membre', libQualite: 'membre', libQualiteSex: 'membre' },
    organes: { organeRef: assemblyOrganeRef(seat.legislature) },
    suppleants: null,
    chambre: null,
    election: {
      lieu: {
        region: seat.department.region,
        regionType: seat.department.overseas ? 'Outre-mer' : 'Métropolitain',
        departement: seat.department.name,
        numDepartement: seat.department.number,
        numCirco: String(seat.circo),
      },
      causeMandat: seat.slot < 577 ? 'élections générales' : 'remplacement d’un député',
      refCirconscription: `PO${900000 + seat.legislature * 1000 + (seat.slot % 577)}`,
    },
  };
  const group: OfficialMandat = {
    ...common,
    '@xsi:type': 'MandatSimple_Type',
    uid: `PM${950000 + seat.legislature * 1000 + seat.slot}`,
    typeOrgane: 'GP',
    preseance: '20',
    nominPrincipale: '0',
    infosQualite: { codeQualite: 'Membre', libQualite: 'Membre', libQualiteSex: 'Membre' },
    organes: { organeRef: groupOrganeRef(seat.legislature, seat.group.abrege) },
  };
  return [assembly, group];
}

/** One file per person who sat in any of the legislatures, sorted by acteur uid; mandates oldest first. */
export function generateActeurs(opts: GenerateActeursOptions): OfficialActeurFile[] {
  const legislatures =
    opts.legislatures && opts.legislatures.length > 0
      ? [...opts.legislatures].sort((x, y) => x - y)
      : [opts.legislature ?? 17];
  const byPerson = new Map<string, { seat: DeputySeat; mandats: OfficialMandat[] }>();
  for (const legislature of legislatures) {
    for (const seat of deputyPool(opts.seed >>> 0, legislature).seats) {
      const entry = byPerson.get(seat.person.acteurRef);
      if (entry) entry.mandats.push(...mandates(seat));
      else byPerson.set(seat.person.acteurRef, { seat, mandats: mandates(seat) });
    }
  }
  return [...byPerson.keys()].sort().map((uid) => {
    const { seat, mandats } = byPerson.get(uid) as { seat: DeputySeat; mandats: OfficialMandat[] };
    const p = seat.person;
    return {
      acteur: {
        '@xmlns': XMLNS,
        uid: { '@xmlns:xsi': XMLNS_XSI, '@xsi:type': 'IdActeur_type', '#text': uid },
        etatCivil: {
          ident: { civ: p.civ, prenom: p.prenom, nom: p.nom, alpha: p.nom, trigramme: trigramme(p.prenom, p.nom) },
          infoNaissance: {
            dateNais: p.birthDate,
            villeNais: p.birthPlace,
            depNais: p.birthDepartment,
            paysNais: 'France',
          },
          dateDeces: null,
        },
        mandats: { mandat: mandats },
      },
    };
  });
}
