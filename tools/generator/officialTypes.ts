/**
 * The shape of the Assemblée's official open-data JSON as the generator writes it.
 * Only what the generator produces is typed; the real files have the same paths (and a few more fields).
 */

export interface OfficialInfoJO {
  typeJO: 'JO_QUESTION';
  dateJO: string;
  pageJO: string | null;
  numJO: string | null;
  urlLegifrance: null;
  referenceNOR: null;
}

export interface OfficialOrganeLabel {
  organeRef: string;
  abrege: string;
  developpe: string;
}

export interface OfficialMinAttrib {
  infoJO: OfficialInfoJO;
  denomination: OfficialOrganeLabel;
}

interface OfficialTexte {
  infoJO: OfficialInfoJO;
  texte: string;
}

export interface OfficialCloture {
  codeCloture: string;
  libelleCloture: string;
  dateCloture: string;
  infoJO: OfficialInfoJO;
}

/** The inner `question` object. */
export interface OfficialQuestion {
  '@xmlns': string;
  '@xmlns:xsi': string;
  '@xsi:type': string;
  uid: string;
  identifiant: { numero: string; regime: string; legislature: string };
  type: 'QE';
  indexationAN: {
    rubrique: string | null;
    teteAnalyse: string | null;
    analyses: { analyse: string | string[] };
  };
  auteur: {
    identite: { acteurRef: string; mandatRef: string };
    groupe: OfficialOrganeLabel;
  };
  minInt: OfficialOrganeLabel;
  /** One object, or an array (oldest first, last = current) once the question was transferred. */
  minAttribs: { minAttrib: OfficialMinAttrib | OfficialMinAttrib[] };
  textesQuestion: { texteQuestion: OfficialTexte };
  /** null while no answer is published. */
  textesReponse: { texteReponse: OfficialTexte } | null;
  /** null while pending; REP_PUB when answered; RET / CAD when withdrawn or lapsed. */
  cloture: OfficialCloture | null;
  signalement: null;
  renouvellements: null;
}

export interface OfficialMandat {
  '@xmlns:xsi': string;
  '@xsi:type': string;
  uid: string;
  acteurRef: string;
  legislature: string;
  typeOrgane: 'ASSEMBLEE' | 'GP' | 'GOUVERNEMENT';
  dateDebut: string;
  datePublication: string | null;
  dateFin: string | null;
  preseance: string;
  nominPrincipale: string;
  infosQualite: { codeQualite: string; libQualite: string; libQualiteSex: string };
  organes: { organeRef: string };
  suppleants?: null;
  chambre?: null;
  election?: {
    lieu: {
      region: string;
      regionType: string;
      departement: string;
      numDepartement: string;
      numCirco: string;
    };
    causeMandat: string;
    refCirconscription: string;
  };
}

/** One deputy file of the AMO dataset (`acteur/PA....json`). */
export interface OfficialActeurFile {
  acteur: {
    '@xmlns': string;
    uid: { '@xmlns:xsi': string; '@xsi:type': string; '#text': string };
    etatCivil: {
      ident: { civ: 'M.' | 'Mme'; prenom: string; nom: string; alpha: string; trigramme: string };
      infoNaissance: { dateNais: string; villeNais: string; depNais: string; paysNais: string };
      dateDeces: null;
    };
    mandats: { mandat: OfficialMandat[] };
  };
}

export const XMLNS = 'http://schemas.assemblee-nationale.fr/referentiel';
export const XMLNS_XSI = 'http://www.w3.org/2001/XMLSchema-instance';
