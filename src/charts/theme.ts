/**
 * How every chart looks: one font shipped with the project (DejaVu Sans, from the `dejavu-fonts-ttf` npm
 * package; licence in node_modules/dejavu-fonts-ttf/LICENSE: Bitstream Vera licence, DejaVu changes in the public
 * domain), the Okabe-Ito palette (told apart by colour-blind readers), and a light card background with dark
 * text, readable as is on Discord's dark and light themes alike (a transparent chart would lose its text on one
 * of them). French number and date formats come from d3's locale objects, set in the renderer.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { FRENCH_MONTHS } from '../format/french';

const require = createRequire(import.meta.url);
const FONT_DIR = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');

export const FONT_FAMILY = 'DejaVu Sans';
export const FONT_FILES = [path.join(FONT_DIR, 'DejaVuSans.ttf'), path.join(FONT_DIR, 'DejaVuSans-Bold.ttf')];

/** Okabe & Ito (2008), "Color Universal Design". */
export const OKABE_ITO = {
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  bluishGreen: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  reddishPurple: '#CC79A7',
  grey: '#7F7F7F',
} as const;

export const STATUS_COLORS = {
  answered: OKABE_ITO.bluishGreen,
  pending: OKABE_ITO.orange,
  withdrawn: OKABE_ITO.grey,
} as const;

export const STATUS_LABELS = {
  answered: 'répondues',
  pending: 'en attente',
  withdrawn: 'retirées ou caduques',
} as const;

const BACKGROUND = '#FBFAF7';
const INK = '#1F2328';
const MUTED = '#57606A';
const GRID = '#DADDE1';

/** The Vega-Lite `config` every spec carries. */
export const VEGA_CONFIG = {
  background: BACKGROUND,
  padding: 16,
  font: FONT_FAMILY,
  view: { stroke: null },
  title: {
    font: FONT_FAMILY,
    fontSize: 17,
    fontWeight: 'bold',
    color: INK,
    anchor: 'start',
    subtitleColor: MUTED,
    subtitleFontSize: 12,
    subtitlePadding: 4,
    offset: 14,
  },
  axis: {
    labelFont: FONT_FAMILY,
    titleFont: FONT_FAMILY,
    labelColor: INK,
    titleColor: INK,
    labelFontSize: 11,
    titleFontSize: 12,
    titleFontWeight: 'normal',
    gridColor: GRID,
    domainColor: MUTED,
    tickColor: MUTED,
  },
  legend: {
    labelFont: FONT_FAMILY,
    titleFont: FONT_FAMILY,
    labelColor: INK,
    titleColor: INK,
    labelFontSize: 12,
    titleFontSize: 12,
    orient: 'top',
    direction: 'horizontal',
    titleOrient: 'left',
    labelLimit: 0,
  },
  header: { labelFont: FONT_FAMILY, titleFont: FONT_FAMILY, labelColor: INK, titleColor: INK },
  text: { font: FONT_FAMILY, color: INK },
  concat: { spacing: 24 },
} as const;

/** d3-format locale for fr-FR (narrow no-break space for thousands, as toLocaleString writes them). */
export const FR_NUMBER_LOCALE = {
  decimal: ',',
  thousands: '\u202f',
  grouping: [3],
  currency: ['', '\u00a0€'] as [string, string],
  percent: '\u202f%',
};

/** d3-time-format locale for fr-FR. */
export const FR_TIME_LOCALE = {
  dateTime: '%A %e %B %Y à %X',
  date: '%d/%m/%Y',
  time: '%H:%M:%S',
  periods: ['AM', 'PM'] as [string, string],
  days: ['dimanche', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi'],
  shortDays: ['dim.', 'lun.', 'mar.', 'mer.', 'jeu.', 'ven.', 'sam.'],
  months: FRENCH_MONTHS,
  shortMonths: ['janv.', 'févr.', 'mars', 'avr.', 'mai', 'juin', 'juil.', 'août', 'sept.', 'oct.', 'nov.', 'déc.'],
};

export const SOURCE_LINE = 'Sources : Assemblée nationale et Sénat, questions écrites (Licence Ouverte)';
