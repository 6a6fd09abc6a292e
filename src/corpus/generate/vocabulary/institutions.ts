/**
 * Ministries and political groups of generated archives. Names follow the Assemblée's way of writing them
 * (abrege = short label, developpe = long label); organe refs are synthetic but stable per legislature.
 */

export interface MinistryDef {
  key: string;
  abrege: string;
  developpe: string;
  /** How a deputy addresses the minister, without "M. le" / "Mme la": "ministre de l'intérieur". */
  title: string;
  /** Noun phrase naming the department in answers: "le ministère de l'intérieur". */
  self: string;
}

const M = (key: string, abrege: string, developpe: string, title: string, self: string): MinistryDef => ({
  key,
  abrege,
  developpe,
  title,
  self,
});

export const MINISTRIES: readonly MinistryDef[] = Object.freeze([
  M('interieur', 'Intérieur', "Ministère de l'intérieur", "ministre de l'intérieur", "le ministère de l'intérieur"),
  M('justice', 'Justice', 'Ministère de la justice', 'garde des sceaux, ministre de la justice', 'le ministère de la justice'),
  M('armees', 'Armées', 'Ministère des armées', 'ministre des armées', 'le ministère des armées'),
  M('etranger', 'Europe et affaires étrangères', "Ministère de l'Europe et des affaires étrangères",
    "ministre de l'Europe et des affaires étrangères", "le ministère de l'Europe et des affaires étrangères"),
  M('economie', 'Économie, finances et industrie', "Ministère de l'économie, des finances et de l'industrie",
    "ministre de l'économie, des finances et de l'industrie", "le ministère de l'économie et des finances"),
  M('comptes', 'Comptes publics', 'Ministère chargé des comptes publics', 'ministre chargé des comptes publics',
    'le ministère chargé des comptes publics'),
  M('travail', 'Travail et emploi', "Ministère du travail et de l'emploi", "ministre du travail et de l'emploi",
    'le ministère du travail'),
  M('sante', 'Santé et accès aux soins', "Ministère de la santé et de l'accès aux soins",
    "ministre de la santé et de l'accès aux soins", 'le ministère de la santé'),
  M('solidarites', 'Solidarités et autonomie', "Ministère des solidarités et de l'autonomie",
    "ministre des solidarités et de l'autonomie", 'le ministère des solidarités'),
  M('education', 'Éducation nationale', "Ministère de l'éducation nationale", "ministre de l'éducation nationale",
    "le ministère de l'éducation nationale"),
  M('enssup', 'Enseignement supérieur et recherche', "Ministère de l'enseignement supérieur et de la recherche",
    "ministre de l'enseignement supérieur et de la recherche", "le ministère de l'enseignement supérieur"),
  M('agriculture', 'Agriculture et souveraineté alimentaire', "Ministère de l'agriculture et de la souveraineté alimentaire",
    "ministre de l'agriculture et de la souveraineté alimentaire", "le ministère de l'agriculture"),
  M('ecologie', 'Transition écologique', 'Ministère de la transition écologique et de la cohésion des territoires',
    'ministre de la transition écologique et de la cohésion des territoires', 'le ministère de la transition écologique'),
  M('transports', 'Transports', 'Ministère chargé des transports', 'ministre chargé des transports',
    'le ministère chargé des transports'),
  M('logement', 'Logement', 'Ministère chargé du logement', 'ministre chargé du logement', 'le ministère chargé du logement'),
  M('culture', 'Culture', 'Ministère de la culture', 'ministre de la culture', 'le ministère de la culture'),
  M('sports', 'Sports, jeunesse et vie associative', 'Ministère des sports, de la jeunesse et de la vie associative',
    'ministre des sports, de la jeunesse et de la vie associative', 'le ministère des sports'),
  M('outremer', 'Outre-mer', 'Ministère des outre-mer', 'ministre des outre-mer', 'le ministère des outre-mer'),
  M('territoires', 'Collectivités territoriales', 'Ministère chargé des collectivités territoriales et de la décentralisation',
    'ministre chargé des collectivités territoriales et de la décentralisation', 'le ministère chargé des collectivités territoriales'),
  M('fonctionpublique', 'Fonction publique', "Ministère de la fonction publique et de la transformation de l'action publique",
    "ministre de la fonction publique et de la transformation de l'action publique", 'le ministère de la fonction publique'),
  M('numerique', 'Numérique', 'Ministère chargé du numérique', 'ministre chargé du numérique', 'le ministère chargé du numérique'),
  M('pme', 'PME, commerce et artisanat', "Ministère chargé des petites et moyennes entreprises, du commerce et de l'artisanat",
    "ministre chargé des petites et moyennes entreprises, du commerce et de l'artisanat", 'le ministère chargé du commerce'),
  M('memoire', 'Mémoire et anciens combattants', 'Ministère chargé de la mémoire et des anciens combattants',
    'ministre chargé de la mémoire et des anciens combattants', 'le ministère chargé des anciens combattants'),
  M('handicap', 'Personnes handicapées', 'Ministère chargé des personnes handicapées', 'ministre chargé des personnes handicapées',
    'le ministère chargé des personnes handicapées'),
  M('famille', 'Familles et petite enfance', 'Ministère chargé de la famille et de la petite enfance',
    'ministre chargé de la famille et de la petite enfance', 'le ministère chargé de la famille'),
  M('ruralite', 'Ruralité', 'Ministère chargé de la ruralité', 'ministre chargé de la ruralité', 'le ministère chargé de la ruralité'),
  M('mer', 'Mer et pêche', 'Ministère chargé de la mer et de la pêche', 'ministre chargé de la mer et de la pêche',
    'le ministère chargé de la mer'),
  M('industrie', 'Industrie et énergie', "Ministère chargé de l'industrie et de l'énergie", "ministre chargé de l'industrie et de l'énergie",
    "le ministère chargé de l'industrie"),
  M('tourisme', 'Tourisme', 'Ministère chargé du tourisme', 'ministre chargé du tourisme', 'le ministère chargé du tourisme'),
  M('pm', 'Premier ministre', 'Services du Premier ministre', 'Premier ministre', 'les services du Premier ministre'),
  M('egalite', 'Égalité femmes-hommes', "Ministère chargé de l'égalité entre les femmes et les hommes",
    "ministre chargé de l'égalité entre les femmes et les hommes", "le ministère chargé de l'égalité"),
  M('consommation', 'Consommation', 'Ministère chargé de la consommation', 'ministre chargé de la consommation',
    'le ministère chargé de la consommation'),
]);

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

const G = (abrege: string, developpe: string, seats: number): GroupDef => ({ abrege, developpe, seats });

const GROUPS_13: readonly GroupDef[] = [
  G('UMP', 'Union pour un Mouvement Populaire', 313),
  G('SRC', 'Socialiste, radical, citoyen et divers gauche', 186),
  G('GDR', 'Gauche démocrate et républicaine', 25),
  G('NC', 'Nouveau Centre', 24),
  G('NI', 'Non inscrit', 9),
];

/** Groups by legislature (the main ones; seat counts rounded). */
export const GROUPS: Readonly<Record<number, readonly GroupDef[]>> = Object.freeze({
  11: GROUPS_13,
  12: GROUPS_13,
  13: GROUPS_13,
  14: [
    G('SRC', 'Socialiste, républicain et citoyen', 280),
    G('UMP', 'Union pour un Mouvement Populaire', 180),
    G('LR', 'Les Républicains', 15),
    G('UDI', 'Union des démocrates et indépendants', 30),
    G('RRDP', 'Radical, républicain, démocrate et progressiste', 17),
    G('ECOLO', 'Écologiste', 17),
    G('GDR', 'Gauche démocrate et républicaine', 15),
    G('NI', 'Non inscrit', 9),
  ],
  15: [
    G('LaREM', 'La République en Marche', 300),
    G('LR', 'Les Républicains', 100),
    G('MODEM', 'Mouvement Démocrate et apparentés', 46),
    G('SOC', 'Socialistes et apparentés', 29),
    G('UDI-I', 'UDI et Indépendants', 28),
    G('LT', 'Libertés et Territoires', 19),
    G('FI', 'La France insoumise', 17),
    G('GDR', 'Gauche démocrate et républicaine', 16),
    G('AE', 'Agir ensemble', 20),
    G('NI', 'Non inscrit', 12),
  ],
  16: [
    G('RE', 'Renaissance', 170),
    G('RN', 'Rassemblement National', 88),
    G('LFI-NUPES', 'La France insoumise - Nouvelle Union Populaire écologique et sociale', 75),
    G('LR', 'Les Républicains', 62),
    G('DEM', 'Démocrate (MoDem et Indépendants)', 51),
    G('SOC', 'Socialistes et apparentés (membre de l’intergroupe NUPES)', 31),
    G('HOR', 'Horizons et apparentés', 29),
    G('ECOLO', 'Écologiste - NUPES', 23),
    G('GDR-NUPES', 'Gauche démocrate et républicaine - NUPES', 22),
    G('LIOT', 'Libertés, Indépendants, Outre-mer et Territoires', 21),
    G('NI', 'Non inscrit', 5),
  ],
  17: [
    G('RN', 'Rassemblement National', 123),
    G('EPR', 'Ensemble pour la République', 95),
    G('LFI-NFP', 'La France insoumise - Nouveau Front Populaire', 71),
    G('SOC', 'Socialistes et apparentés', 66),
    G('DR', 'Droite Républicaine', 47),
    G('EcoS', 'Écologiste et Social', 38),
    G('Dem', 'Les Démocrates', 36),
    G('HOR', 'Horizons & Indépendants', 34),
    G('LIOT', 'Libertés, Indépendants, Outre-mer et Territoires', 22),
    G('GDR', 'Gauche Démocrate et Républicaine', 17),
    G('UDR', 'Union des droites pour la République', 16),
    G('NI', 'Non inscrit', 7),
  ],
});

export function groupsOf(legislature: number): readonly GroupDef[] {
  return GROUPS[legislature] ?? GROUPS_13;
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
