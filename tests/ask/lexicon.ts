/** A lexicon as the bot builds it from a real corpus: 603 real deputies (tests/fixtures), real group and ministry names. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { buildLexicon, type Lexicon } from '../../src/ask/lexicon';
import { parseActeur } from '../../src/corpus/parse/parseActeur';
import { REPO } from '../support/botCorpus';

export const MINISTRIES = [
  'Justice',
  'Intérieur',
  'Intérieur et outre-mer',
  'Santé et prévention',
  'Solidarités',
  'Armées',
  'Culture',
  'Éducation nationale et jeunesse',
  'Enseignement supérieur et recherche',
  'Économie, finances et souveraineté industrielle et numérique',
  'Agriculture et souveraineté alimentaire',
  'Transition écologique et cohésion des territoires',
  'Travail, plein emploi et insertion',
  'Europe et affaires étrangères',
  'Premier ministre',
  'Transports',
  'Logement',
  'Comptes publics',
  'Sports et jeux Olympiques et Paralympiques',
  'Personnes handicapées',
  'Transformation et fonction publiques',
  'Collectivités territoriales et ruralité',
  'Outre-mer',
  'Égalité femmes-hommes',
  'Numérique',
  'Transition énergétique',
];

export const GROUPS: Array<{ name: string; abbrev: string }> = [
  { name: 'La France insoumise - Nouvelle Union Populaire écologique et sociale', abbrev: 'LFI-NUPES' },
  { name: 'Rassemblement National', abbrev: 'RN' },
  { name: 'Les Républicains', abbrev: 'LR' },
  { name: 'Socialistes et apparentés', abbrev: 'SOC' },
  { name: 'Écologiste - NUPES', abbrev: 'ECOLO' },
  { name: 'Gauche démocrate et républicaine - NUPES', abbrev: 'GDR-NUPES' },
  { name: 'Renaissance', abbrev: 'RE' },
  { name: 'Démocrate (MoDem et Indépendants)', abbrev: 'DEM' },
  { name: 'Horizons et apparentés', abbrev: 'HOR' },
  { name: 'Libertés, Indépendants, Outre-mer et Territoires', abbrev: 'LIOT' },
];

export const DEPARTMENTS = [
  'Ain',
  'Aisne',
  'Ardèche',
  'Ardennes',
  'Bouches-du-Rhône',
  'Calvados',
  'Charente-Maritime',
  'Corrèze',
  "Côtes-d'Armor",
  'Dordogne',
  'Finistère',
  'Gironde',
  'Haute-Garonne',
  'Hérault',
  'Isère',
  'Loire-Atlantique',
  'Lot',
  'Marne',
  'Meurthe-et-Moselle',
  'Moselle',
  'Nord',
  'Oise',
  'Paris',
  'Pas-de-Calais',
  'Puy-de-Dôme',
  'Bas-Rhin',
  'Rhône',
  'Haute-Savoie',
  'Seine-Maritime',
  'Seine-Saint-Denis',
  'Somme',
  'Var',
  'Vaucluse',
  'Vendée',
  'Haute-Vienne',
  'Val-de-Marne',
  'Essonne',
  'La Réunion',
  'Guadeloupe',
  'Martinique',
];

export function testLexicon(): Lexicon {
  const dir = path.join(REPO, 'tests/fixtures/samples/acteurs');
  const deputies = readdirSync(dir).flatMap((f, i) => {
    const r = parseActeur(JSON.parse(readFileSync(path.join(dir, f), 'utf8')));
    return r.ok
      ? [
          {
            name: `${r.value.civility ?? ''} ${r.value.firstName ?? ''} ${r.value.lastName ?? ''}`.trim(),
            acteurRef: r.value.uid,
            count: 10 + (i % 50),
          },
        ]
      : [];
  });
  deputies.push({ name: 'M. Lionel Tardy', acteurRef: 'PA330240x', count: 300 });
  // Senators (issue 18): known by name only, like the Sénat's dump gives them.
  const senators = [
    { name: 'M. Gérard Larcher', acteurRef: null, count: 40, chamber: 'senat' as const },
    { name: 'Mme Nathalie Goulet', acteurRef: null, count: 120, chamber: 'senat' as const },
  ];
  return buildLexicon({
    deputies: [...deputies, ...senators],
    ministries: MINISTRIES.map((name, i) => ({ name, count: 1000 - i * 10 })),
    groups: GROUPS.map((g, i) => ({ ...g, count: 500 - i })),
    departments: DEPARTMENTS.map((name) => ({ name, count: 50 })),
    legislatures: [14, 15, 16, 17],
  });
}
