/** The filter options shared by /tendance and the plain-French answers, and their French description. */
import type { Chamber } from '../../corpus/types';
import { parseDateRange } from '../userInput';
import type { SearchFilters } from '../../search/types';
import { formatDate } from '../userInput';
import { CHAMBER_NAMES, ordinal, STATUS_WORDS } from '../../format/french';

/** The `chambre` option's value meaning both chambers (the default). */
const BOTH_CHAMBERS = 'tous';

/** The choices naming one chamber: every `chambre` option's, and the whole of /question's (a number names one). */
export const ONE_CHAMBER_CHOICES = [
  { name: CHAMBER_NAMES.an, nameEn: 'National Assembly', value: 'an' },
  { name: CHAMBER_NAMES.senat, nameEn: 'Senate', value: 'senat' },
] as const;

/**
 * The `chambre` option, declared once for every command that takes it (/recherche, /tendance, /palmares, /stats,
 * /digest, /suivre, /question, /similaires): the Assemblée nationale, the Sénat, or both (the default).
 */
export const CHAMBER_OPTION = {
  type: 'string',
  nameEn: 'chamber',
  description: 'Assemblée nationale, Sénat ou les deux (par défaut)',
  descriptionEn: 'National Assembly, Senate or both (default)',
  choices: [...ONE_CHAMBER_CHOICES, { name: 'Les deux', nameEn: 'Both', value: BOTH_CHAMBERS }],
} as const;

/** The chamber a `chambre` option names; undefined for both (absent or « tous »). */
export function chamberOf(value: string | undefined): Chamber | undefined {
  return value === 'an' || value === 'senat' ? value : undefined;
}

/** The `campagnes` option of /palmares and /tendance, declared once (explained by CAMPAIGN_ONCE_NOTE). */
export const CAMPAIGN_ONCE_OPTION = {
  type: 'boolean',
  nameEn: 'campaigns',
  description: 'Compter une seule fois chaque campagne de questions identiques (sa première question)',
  descriptionEn: 'Count each campaign of identical questions once (its first question)',
} as const;

/** The `legislature` option, declared once (type and range); each command says in its description what it defaults to. */
export function legislatureOption(description: string, descriptionEn: string) {
  return { type: 'integer', minValue: 1, maxValue: 20, description, descriptionEn } as const;
}

/** The required `nom` option of /depute, /senateur and /ministere: a name completed as it is typed. */
export function nameOption(maxLength: number, description: string, descriptionEn: string) {
  return {
    type: 'string',
    required: true,
    autocomplete: true,
    nameEn: 'name',
    maxLength,
    description,
    descriptionEn,
  } as const;
}

export const FILTER_OPTIONS = {
  depute: {
    type: 'string',
    autocomplete: true,
    nameEn: 'deputy',
    description: 'Auteur de la question (député·e)',
    descriptionEn: 'Author of the question (deputy)',
  },
  groupe: {
    type: 'string',
    autocomplete: true,
    nameEn: 'group',
    description: 'Groupe politique de l’auteur',
    descriptionEn: 'Political group of the author',
  },
  ministere: {
    type: 'string',
    autocomplete: true,
    nameEn: 'ministry',
    description: 'Ministère interrogé ou attributaire',
    descriptionEn: 'Ministry asked or in charge',
  },
  rubrique: {
    type: 'string',
    autocomplete: true,
    nameEn: 'topic',
    description: 'Rubrique (thème) de la question',
    descriptionEn: 'Topic (rubrique) of the question',
  },
  departement: {
    type: 'string',
    nameEn: 'department',
    maxLength: 60,
    description: 'Département de l’auteur (ex. Nord)',
    descriptionEn: 'Author’s département (e.g. Nord)',
  },
  legislature: legislatureOption('Législature (ex. 16 pour 2022-2024)', 'Legislature (e.g. 16 for 2022-2024)'),
  depuis: {
    type: 'string',
    nameEn: 'since',
    maxLength: 10,
    description: 'Publiée à partir du (JJ/MM/AAAA ou AAAA-MM-JJ)',
    descriptionEn: 'Published on or after (DD/MM/YYYY or YYYY-MM-DD)',
  },
  jusqua: {
    type: 'string',
    nameEn: 'until',
    maxLength: 10,
    description: 'Publiée jusqu’au (JJ/MM/AAAA ou AAAA-MM-JJ)',
    descriptionEn: 'Published on or before (DD/MM/YYYY or YYYY-MM-DD)',
  },
  chambre: CHAMBER_OPTION,
} as const;

export interface FilterArgs {
  depute?: string;
  groupe?: string;
  ministere?: string;
  rubrique?: string;
  departement?: string;
  legislature?: number;
  depuis?: string;
  jusqua?: string;
  chambre?: string;
}

export function filtersOf(args: FilterArgs): SearchFilters {
  const chamber = chamberOf(args.chambre);
  return {
    ...(chamber ? { chamber } : {}),
    ...(args.depute ? { deputy: args.depute } : {}),
    ...(args.groupe ? { group: args.groupe } : {}),
    ...(args.ministere ? { ministry: args.ministere } : {}),
    ...(args.rubrique ? { rubrique: args.rubrique } : {}),
    ...(args.departement ? { department: args.departement } : {}),
    ...(args.legislature !== undefined ? { legislature: args.legislature } : {}),
    ...parseDateRange(args.depuis, args.jusqua),
  };
}

/** "député : Tardy · 14e législature · depuis le 01/01/2014" (plain text: escape before Markdown). */
export function describeFilters(f: SearchFilters): string {
  return [
    f.chamber ? CHAMBER_NAMES[f.chamber] : '',
    f.deputy ? `député·e : ${f.deputy}` : '',
    f.group ? `groupe : ${f.group}` : '',
    f.ministry ? `ministère : ${f.ministry}` : '',
    f.rubrique ? `rubrique : ${f.rubrique}` : '',
    f.department ? `département : ${f.department}` : '',
    f.legislature !== undefined ? `${ordinal(f.legislature)} législature` : '',
    f.status ? STATUS_WORDS[f.status].plural : '',
    f.from && f.to
      ? `du ${formatDate(f.from)} au ${formatDate(f.to)}`
      : f.from
        ? `depuis le ${formatDate(f.from)}`
        : f.to
          ? `jusqu’au ${formatDate(f.to)}`
          : '',
  ]
    .filter(Boolean)
    .join(' · ');
}

/** The slash command that asks the same thing: `/tendance texte:… depute:…`. */
export function slashCommand(name: string, text: string, f: SearchFilters, extra: Record<string, string> = {}): string {
  const q = (v: string) => (/\s/.test(v) ? `"${v}"` : v);
  const parts = [`/${name}`];
  if (text) parts.push(`texte:${q(text)}`);
  if (f.deputy) parts.push(`depute:${q(f.deputy)}`);
  if (f.group) parts.push(`groupe:${q(f.group)}`);
  if (f.ministry) parts.push(`ministere:${q(f.ministry)}`);
  if (f.rubrique) parts.push(`rubrique:${q(f.rubrique)}`);
  if (f.department && name !== 'recherche') parts.push(`departement:${q(f.department)}`);
  if (f.legislature !== undefined) parts.push(`legislature:${f.legislature}`);
  if (f.chamber) parts.push(`chambre:${f.chamber}`);
  for (const [k, v] of Object.entries(extra)) parts.push(`${k}:${q(v)}`);
  if (f.from) parts.push(`depuis:${formatDate(f.from)}`);
  if (f.to) parts.push(`jusqua:${formatDate(f.to)}`);
  return parts.join(' ');
}
