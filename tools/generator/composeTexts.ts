/**
 * Sentence templates of written questions and ministers' answers, written for this generator. A text is built
 * sentence by sentence until a word budget drawn from a heavy-tailed distribution is reached, so lengths look like
 * the real corpus (most questions 150-250 words, answers 300-500, a few answers of several thousand words).
 */
import type { Rng } from './random';
import { type Theme, THEMES } from './vocabulary/themes';
import { PROFESSIONS, QUALIFIERS as SITUATION_QUALIFIERS, SECTORS } from './vocabulary/general';
import { COMMUNE_PREFIXES, COMMUNE_SUFFIXES, RIVERS, type DepartmentInfo } from './vocabulary/people';
import { a, countWords, de, formatDecimal, formatInt, formatLongDate, ucfirst, withoutArticle } from './frenchText';
import { dayToIso, isoToDay } from './joDates';

export interface TextContext {
  r: Rng;
  theme: Theme;
  /** The subject chosen for the question; answers come back to it. */
  subject: string;
  author: { civ: 'M.' | 'Mme'; fullName: string; department: DepartmentInfo };
  minister: { address: string; self: string; feminine: boolean };
  /** Year of publication of the text (figures and laws cited are older). */
  year: number;
  /** ISO date of publication (circulars, laws cited are before it). */
  date: string;
}

type Template = (c: TextContext) => string;

const GENERIC_SOURCES = [
  'la Cour des comptes',
  "l'Insee",
  'un récent rapport parlementaire',
  'le Défenseur des droits',
  'les services de l’État',
  "l'Association des maires de France",
  'les chambres consulaires',
  'le Conseil économique, social et environnemental',
  'France Stratégie',
  'la Drees',
  'la Dares',
  'plusieurs observatoires régionaux',
  "l'Inspection générale des affaires sociales",
  "l'Inspection générale des finances",
  'les fédérations professionnelles',
  'une étude universitaire',
] as const;

const ORGS = [
  'les organisations professionnelles',
  'les associations d’usagers',
  'les organisations syndicales',
  'les élus locaux',
  'les fédérations du secteur',
  'les collectivités territoriales',
  'les associations de terrain',
  'les représentants des familles',
  'les chambres consulaires',
  'les opérateurs concernés',
  'les services déconcentrés',
  'les partenaires sociaux',
] as const;

const DIFFICULTIES = [
  'des difficultés croissantes',
  'une hausse importante des coûts',
  'un manque de visibilité sur l’avenir',
  'des délais de traitement excessifs',
  'une pénurie de personnel',
  'une complexité administrative décourageante',
  'une baisse préoccupante de leurs revenus',
  'un sentiment d’abandon',
  'des inégalités territoriales persistantes',
  'une insuffisance des financements',
  'une charge administrative accrue',
  'une forte incertitude juridique',
  'des ruptures de prise en charge',
  'une dégradation de leurs conditions de travail',
  'un accès de plus en plus difficile aux services publics',
  'des retards de paiement répétés',
  'une concurrence jugée déloyale',
  'une instabilité réglementaire',
  'la fermeture de plusieurs sites',
  'une explosion des demandes',
  'des refus de prise en charge inexpliqués',
  'une information lacunaire',
] as const;

const CONSEQUENCES = [
  "fragilise l'ensemble de la filière",
  'pénalise en premier lieu les plus modestes',
  'met en péril de nombreux emplois',
  'compromet la continuité du service public',
  'décourage les vocations',
  "alimente un profond sentiment d'injustice",
  'accentue la fracture territoriale',
  'menace à terme la pérennité des structures concernées',
  "retarde d'autant les projets engagés",
  'pèse lourdement sur les budgets locaux',
  'crée une rupture d’égalité entre les territoires',
  'place de nombreux foyers dans une situation intenable',
] as const;

const OBSERVATIONS = [
  'plusieurs structures ont dû réduire leur activité',
  "les listes d'attente ne cessent de s'allonger",
  'les familles sont contraintes de parcourir de longues distances',
  'les communes ne disposent plus des moyens nécessaires',
  'les professionnels peinent à recruter',
  'les dossiers restent parfois sans réponse pendant plusieurs mois',
  'les acteurs de terrain se trouvent démunis',
  'les usagers renoncent parfois à faire valoir leurs droits',
  'les services concernés fonctionnent en effectifs réduits',
  'les projets sont suspendus faute de financement',
  'la situation s’est encore dégradée au cours des derniers mois',
  'les signalements se multiplient',
] as const;

const DEMANDS = [
  'une révision des critères d’éligibilité',
  'un moratoire',
  'une compensation intégrale par l’État',
  'une simplification des démarches',
  'une revalorisation significative',
  "un plan d'urgence",
  'la pérennisation des financements',
  'une concertation approfondie',
  'une clarification de la réglementation',
  'un allègement des contraintes administratives',
] as const;

const ACTIONS = [
  (c: TextContext) => `soutenir durablement ${pub(c)}`,
  (c: TextContext) => `assurer la pérennité ${de(term(c))}`,
  (c: TextContext) => `mieux encadrer ${term(c)}`,
  (c: TextContext) => `renforcer les moyens consacrés ${a(term(c))}`,
  (c: TextContext) => `garantir l'égal accès de tous ${a(term(c))}`,
  () => 'simplifier les démarches administratives',
  () => 'remédier à cette situation',
  () => "améliorer l'information des usagers",
  () => 'adapter la réglementation aux réalités du terrain',
  () => 'accompagner les collectivités concernées',
  () => 'réduire les délais constatés',
  () => 'mettre fin à cette inégalité de traitement',
] as const;

const QUALIFIERS = [
  'insuffisante',
  'très inégale selon les territoires',
  'largement perfectible',
  'lente et incomplète',
  'difficilement lisible pour les usagers',
] as const;

// ---------- slots ----------

function term(c: TextContext): string {
  // Mostly the theme's own vocabulary, sometimes a neighbouring theme's: real questions cross subjects.
  return c.r.chance(0.12) ? c.r.zipf(c.r.pick(THEMES).terms) : c.r.zipf(c.theme.terms);
}
function pub(c: TextContext): string {
  return c.r.zipf(c.theme.publics);
}
function measure(c: TextContext): string {
  return c.r.zipf(c.theme.measures);
}
function source(c: TextContext): string {
  return c.r.zipf(GENERIC_SOURCES);
}
function org(c: TextContext): string {
  return c.r.chance(0.3) ? pub(c) : c.r.zipf(ORGS);
}
function action(c: TextContext): string {
  return c.r.zipf(ACTIONS)(c);
}
function quoted(c: TextContext, s: string): string {
  return c.r.chance(0.3) ? `« ${withoutArticle(s)} »` : s;
}

function communeName(r: Rng): string {
  const p = r.zipf(COMMUNE_PREFIXES);
  if (p.endsWith('-')) {
    const tail = r.int(0, 4);
    if (tail === 0) return `${p}sur-${r.zipf(RIVERS)}`;
    if (tail === 1) return `${p}des-Bois`;
    if (tail === 2) return `${p}le-Vieux`;
    return `${p}${ucfirstSyllable(r)}`;
  }
  return p + r.zipf(COMMUNE_SUFFIXES);
}
function ucfirstSyllable(r: Rng): string {
  const s = r.zipf(COMMUNE_SUFFIXES);
  return ucfirst(s.length < 4 ? `${s}ville` : s);
}
function place(c: TextContext): string {
  return c.r.chance(0.5) ? `à ${communeName(c.r)}` : `dans le département ${deptDe(c.author.department.name)}`;
}
const DEPT_DU = new Set(
  (
    'Nord|Rhône|Var|Gard|Lot|Cher|Jura|Doubs|Tarn|Gers|Cantal|Calvados|Finistère|Morbihan|Loiret|Pas-de-Calais|' +
    'Puy-de-Dôme|Bas-Rhin|Haut-Rhin|Val-de-Marne|Val-d’Oise|Vaucluse|Loir-et-Cher|Lot-et-Garonne|Tarn-et-Garonne|' +
    'Territoire de Belfort'
  ).split('|'),
);
const DEPT_DES = new Set(
  (
    'Bouches-du-Rhône|Alpes-Maritimes|Hautes-Alpes|Alpes-de-Haute-Provence|Ardennes|Côtes-d’Armor|Deux-Sèvres|' +
    'Hautes-Pyrénées|Pyrénées-Atlantiques|Pyrénées-Orientales|Yvelines|Landes|Vosges|Hauts-de-Seine'
  ).split('|'),
);
const DEPT_BARE = new Set(
  'Paris|Mayotte|La Réunion|Saint-Pierre-et-Miquelon|Saint-Barthélemy et Saint-Martin|Wallis-et-Futuna'.split('|'),
);

/** "de" + a department's name with its article: du Nord, des Landes, de l'Ain, de la Manche, de Paris. */
function deptDe(name: string): string {
  if (name === 'Français établis hors de France') return 'des Français établis hors de France';
  if (DEPT_BARE.has(name)) return `de ${name}`;
  if (DEPT_DU.has(name)) return `du ${name}`;
  if (DEPT_DES.has(name)) return `des ${name}`;
  return /^[AEIOUYÉÈÎ]/.test(name) ? `de l'${name}` : `de la ${name}`;
}

function pastYear(c: TextContext, maxBack = 8): number {
  return c.year - c.r.int(1, maxBack);
}
function pastDate(c: TextContext, maxBackDays = 2500): string {
  return dayToIso(isoToDay(c.date) - c.r.int(30, maxBackDays));
}
function lawRef(c: TextContext): string {
  const d = pastDate(c);
  return `la loi n° ${d.slice(0, 4)}-${c.r.int(12, 1650)} du ${formatLongDate(d)}`;
}
function decreeRef(c: TextContext): string {
  const d = pastDate(c, 1500);
  return `le décret n° ${d.slice(0, 4)}-${c.r.int(100, 1900)} du ${formatLongDate(d)}`;
}
function articleRef(c: TextContext): string {
  const letter = c.r.chance(0.8) ? 'L.' : 'R.';
  const code = c.r.chance(0.8) ? c.r.pick(c.theme.codes) : 'général des collectivités territoriales';
  return `l'article ${letter} ${c.r.int(1, 6500)}-${c.r.int(1, 32)} du code ${code}`;
}
function pct(c: TextContext): string {
  return c.r.chance(0.6) ? String(c.r.int(3, 78)) : formatDecimal(c.r.next() * 60 + 2);
}
function bigNumber(c: TextContext): string {
  return formatInt(Math.round(c.r.logNormal(12_000, 1.4)));
}
function millions(c: TextContext): string {
  const v = c.r.logNormal(120, 1.2);
  return v < 10 ? formatDecimal(v) : formatInt(v);
}

// ---------- questions ----------

const Q_INTROS: Template[] = [
  (c) => `${c.author.civ} ${c.author.fullName} attire l'attention de ${c.minister.address} sur ${c.subject}.`,
  (c) => `${c.author.civ} ${c.author.fullName} appelle l'attention de ${c.minister.address} sur ${c.subject}.`,
  (c) => `${c.author.civ} ${c.author.fullName} interroge ${c.minister.address} sur ${c.subject}.`,
  (c) => `${c.author.civ} ${c.author.fullName} alerte ${c.minister.address} sur ${c.subject}.`,
  (c) =>
    `${c.author.civ} ${c.author.fullName} souhaite appeler l'attention de ${c.minister.address} au sujet ${de(c.subject)}.`,
  (c) => `${c.author.civ} ${c.author.fullName} interpelle ${c.minister.address} quant ${a(c.subject)}.`,
];

const Q_BODY: Template[] = [
  (c) => `Depuis ${pastYear(c)}, ${pub(c)} font face à ${c.r.zipf(DIFFICULTIES)}, ce qui ${c.r.zipf(CONSEQUENCES)}.`,
  (c) => `Selon ${source(c)}, près de ${pct(c)} % ${de(pub(c))} seraient aujourd'hui concernés.`,
  (c) => `${ucfirst(place(c))}, ${c.r.zipf(OBSERVATIONS)}.`,
  (c) =>
    `Cette situation est d'autant plus préoccupante que la question ${de(term(c))} reste un sujet de préoccupation majeur pour ${pub(c)}.`,
  (c) => `Les élus locaux et ${org(c)} ont à plusieurs reprises fait part de leur inquiétude quant ${a(term(c))}.`,
  (c) =>
    `${ucfirst(lawRef(c))} relative ${a(term(c))} a prévu ${quoted(c, measure(c))}, mais sa mise en œuvre demeure ${c.r.zipf(QUALIFIERS)}.`,
  (c) => `Or, ${c.r.zipf(OBSERVATIONS)}.`,
  (c) => `Si des avancées ont été obtenues s'agissant ${de(term(c))}, ${pub(c)} dénoncent ${c.r.zipf(DIFFICULTIES)}.`,
  (c) => `Sur le terrain, ${pub(c)} constatent ${c.r.zipf(DIFFICULTIES)}.`,
  (c) => `Le rapport publié en ${pastYear(c, 4)} par ${source(c)} soulignait déjà ${c.r.zipf(DIFFICULTIES)}.`,
  (c) =>
    `${ucfirst(term(c))} constitue pourtant un enjeu majeur pour ${pub(c)} et pour l'attractivité des territoires.`,
  (c) => `Faute de moyens suffisants, ${c.r.zipf(OBSERVATIONS)}.`,
  (c) => `Les délais constatés atteignent parfois ${c.r.int(3, 30)} mois, ce qui ${c.r.zipf(CONSEQUENCES)}.`,
  (c) => `Cette inquiétude est partagée par ${org(c)}, qui réclament ${c.r.zipf(DEMANDS)}.`,
  (c) => `En ${pastYear(c, 3)}, ${bigNumber(c)} personnes auraient ainsi été privées ${de(term(c))}.`,
  (c) => `À titre d'exemple, ${place(c)}, ${c.r.zipf(OBSERVATIONS)}.`,
  (c) =>
    `Parmi ${pub(c)}, nombreux sont ceux qui estiment que l'organisation actuelle ${de(term(c))} ne répond plus à leurs besoins.`,
  (c) => `Le dispositif « ${withoutArticle(measure(c))} » n'a pas permis, à ce jour, de répondre à ces attentes.`,
  (c) => `La hausse de ${pct(c)} % constatée entre ${pastYear(c, 6)} et ${c.year - 1} illustre l'ampleur du problème.`,
  (c) => `Ce constat est largement partagé, ${place(c)} comme ailleurs.`,
  (c) => `${ucfirst(c.r.zipf(PROFESSIONS))}, en particulier, subissent ${c.r.zipf(DIFFICULTIES)}.`,
  (c) => `Le secteur ${de(c.r.zipf(SECTORS))} est lui aussi particulièrement touché.`,
  (c) => `La situation est jugée ${c.r.zipf(SITUATION_QUALIFIERS)} par ${org(c)}.`,
  (c) =>
    `Cette situation ${c.r.zipf(SITUATION_QUALIFIERS)} concerne aussi ${c.r.zipf(PROFESSIONS)} et ${c.r.zipf(PROFESSIONS)}.`,
];

const Q_CLOSINGS: Template[] = [
  (c) =>
    `${pron(c)} lui demande donc de bien vouloir lui indiquer les mesures que le Gouvernement entend prendre afin ${de(action(c))}.`,
  (c) => `${pron(c)} souhaite connaître les intentions du Gouvernement en la matière.`,
  (c) => `${pron(c)} lui demande de bien vouloir lui préciser le calendrier de mise en œuvre ${de(measure(c))}.`,
  (c) => `${pron(c)} souhaite savoir si le Gouvernement envisage ${de(action(c))}.`,
  (c) => `${pron(c)} lui demande quelles dispositions le Gouvernement entend prendre pour ${action(c)}.`,
  (c) => `Aussi, ${pron(c).toLowerCase()} lui demande ${c.minister.feminine ? 'si elle' : "s'il"} compte ${action(c)}.`,
  (c) =>
    `${pron(c)} souhaite donc connaître sa position sur ce sujet et les moyens qu'${c.minister.feminine ? 'elle' : 'il'} entend mobiliser pour ${action(c)}.`,
];

function pron(c: TextContext): string {
  return c.author.civ === 'Mme' ? 'Elle' : 'Il';
}

// ---------- answers ----------

const A_OPENINGS: Template[] = [
  (c) => `Le Gouvernement est pleinement mobilisé sur la question ${de(term(c))}.`,
  () => "La question soulevée par l'honorable parlementaire appelle les éléments de réponse suivants.",
  (c) =>
    `${ucfirst(c.minister.self)} a pris connaissance avec attention des préoccupations exprimées au sujet ${de(c.subject)}.`,
  (c) => `${ucfirst(c.subject)} constitue une priorité de l'action du Gouvernement.`,
  () => "Le Gouvernement partage le constat dressé par l'auteur de la question.",
  (c) => `La situation ${de(pub(c))} fait l'objet d'une attention constante des pouvoirs publics.`,
];

const CLAUSES: Template[] = [
  (c) => `${term(c)} fait l'objet d'un suivi attentif`,
  () => "les modalités d'application sont fixées par décret en Conseil d'État",
  () => 'les crédits correspondants sont reconduits chaque année',
  (c) => `les demandes sont instruites dans un délai de ${c.r.int(1, 6)} mois`,
  () => 'les collectivités territoriales peuvent adapter ce dispositif aux besoins locaux',
  () => 'une aide exceptionnelle peut être accordée dans les situations les plus difficiles',
  () => "le préfet dispose d'un pouvoir d'appréciation au cas par cas",
  (c) => `${pub(c)} peuvent solliciter un accompagnement personnalisé`,
  (c) => `${term(c)} relève de la compétence des collectivités`,
  () => 'toute décision défavorable doit être motivée et peut faire l’objet d’un recours',
];

const A_BODY: Template[] = [
  (c) => `${ucfirst(articleRef(c))} prévoit que ${CLAUSES[c.r.int(0, CLAUSES.length - 1)]!(c)}.`,
  (c) =>
    `${ucfirst(lawRef(c))} relative ${a(term(c))} a ainsi permis de renforcer les garanties offertes ${a(pub(c))}.`,
  (c) => {
    const y = c.year - c.r.int(1, 3);
    return `En ${y}, ${bigNumber(c)} dossiers ont été instruits au titre ${de(measure(c))}, soit une hausse de ${pct(c)} % par rapport à ${y - 1}.`;
  },
  (c) =>
    `Ce dispositif, doté de ${millions(c)} millions d'euros, bénéficie désormais à ${bigNumber(c)} ${withoutArticle(pub(c))}.`,
  (c) => `Par ailleurs, le Gouvernement a engagé ${quoted(c, measure(c))} afin ${de(action(c))}.`,
  (c) => `S'agissant plus particulièrement ${de(term(c))}, ${CLAUSES[c.r.int(0, CLAUSES.length - 1)]!(c)}.`,
  (c) =>
    `Une concertation a été engagée avec ${org(c)} afin ${de(action(c))} ; ses conclusions sont attendues au cours de l'année ${c.year + 1}.`,
  (c) => `Les services déconcentrés de l'État, en lien avec ${org(c)}, veillent à ${action(c)}.`,
  (c) =>
    `Une instruction du ${formatLongDate(pastDate(c, 700))} a rappelé aux préfets l'importance qui s'attache ${a(term(c))}.`,
  (c) => `Ainsi, ${pct(c)} % ${de(pub(c))} bénéficient aujourd'hui ${de(term(c))}.`,
  (c) =>
    `${ucfirst(decreeRef(c))} a précisé les conditions dans lesquelles ${CLAUSES[c.r.int(0, CLAUSES.length - 1)]!(c)}.`,
  (c) => {
    const y = c.year - c.r.int(0, 2);
    return `Ces mesures s'inscrivent dans le cadre ${de(measure(c))}, qui mobilise ${millions(c)} millions d'euros sur la période ${y}-${y + 3}.`;
  },
  (c) => `Il convient de rappeler que ${CLAUSES[c.r.int(0, CLAUSES.length - 1)]!(c)}.`,
  (c) =>
    `À ce stade, le Gouvernement n'envisage pas ${de(action(c))} par la voie réglementaire, mais reste attentif aux remontées du terrain.`,
  (c) =>
    `Le projet de loi de finances pour ${c.year + 1} prévoit à cet égard une enveloppe de ${millions(c)} millions d'euros.`,
  (c) =>
    `Selon les dernières données disponibles, ${bigNumber(c)} ${withoutArticle(pub(c))} sont concernés ${place(c)}.`,
  (c) =>
    `Le contrôle ${de(term(c))} a été renforcé : ${bigNumber(c)} vérifications ont été conduites en ${c.year - 1}.`,
  (c) =>
    `De même, la question ${de(term(c))} fera l'objet d'une évaluation d'ici ${c.year + c.r.int(1, 3)}, en associant étroitement ${org(c)}.`,
  (c) =>
    `Enfin, ${pub(c)} peuvent s'adresser aux services compétents pour obtenir un accompagnement ${a('la constitution de leur dossier')}.`,
  (c) =>
    `${ucfirst(c.r.zipf(PROFESSIONS))} sont également éligibles à ce dispositif, sous réserve de remplir les conditions prévues.`,
  (c) =>
    `Des mesures spécifiques ont par ailleurs été prises en faveur ${de(c.r.zipf(SECTORS))}, dont la situation est suivie avec attention.`,
  (c) =>
    `Le Gouvernement a en outre saisi ${source(c)} d'une mission d'évaluation ${de(term(c))}, dont les conclusions seront rendues publiques.`,
];

const A_CLOSINGS: Template[] = [
  (c) => `Le Gouvernement reste pleinement attentif à la situation ${de(pub(c))} et continuera d'agir en ce sens.`,
  (c) => `Un bilan de ces mesures sera établi d'ici ${c.year + 1} et présenté à la représentation nationale.`,
  (c) => `Le Gouvernement continuera d'agir en lien étroit avec les élus et ${org(c)}.`,
  () => "C'est dans cet esprit que le Gouvernement poursuivra son action au cours des prochains mois.",
];

function sentenceBlock(
  c: TextContext,
  templates: readonly Template[],
  budget: number,
  perParagraph: [number, number],
): string[] {
  const paragraphs: string[] = [];
  let words = 0;
  // A template is not reused in one text until most of them have been (long answers do reuse them).
  const used = new Set<Template>();
  while (words < budget) {
    const n = c.r.int(perParagraph[0], perParagraph[1]);
    const sentences: string[] = [];
    for (let i = 0; i < n && words < budget; i++) {
      let template = c.r.zipf(templates);
      for (let tries = 0; used.has(template) && tries < 8; tries++) template = c.r.zipf(templates);
      if (used.size > templates.length * 0.7) used.clear();
      used.add(template);
      const sentence = ucfirst(template(c));
      words += countWords(sentence);
      sentences.push(sentence);
    }
    paragraphs.push(sentences.join(' '));
  }
  return paragraphs;
}

/** Word budget of a question: log-normal around 180 words. */
export function questionBudget(r: Rng): number {
  return Math.max(70, Math.min(900, Math.round(r.logNormal(175, 0.28))));
}

/** Word budget of an answer: log-normal around 330 words, and 1.5 % of very long answers (up to ~8,000 words). */
export function answerBudget(r: Rng): number {
  const base = r.logNormal(320, 0.45);
  const long = r.chance(0.015) ? r.int(5, 22) : 1;
  return Math.max(60, Math.min(9000, Math.round(base * long)));
}

function paragraphsToHtml(paragraphs: readonly string[]): string {
  return paragraphs.map((p) => `<p>${p}</p>`).join('');
}

/** Question text as the JO HTML fragment. */
export function composeQuestionText(c: TextContext, budget: number): string {
  const intro = ucfirst(c.r.pick(Q_INTROS)(c));
  const closing = c.r.pick(Q_CLOSINGS)(c);
  const bodyBudget = Math.max(10, budget - countWords(intro) - countWords(closing));
  const body = sentenceBlock(c, Q_BODY, bodyBudget, [2, 4]);
  const first = body.shift() ?? '';
  const paragraphs = [`${intro} ${first}`.trim(), ...body];
  paragraphs[paragraphs.length - 1] += ` ${closing}`;
  return paragraphsToHtml(paragraphs);
}

function figuresTable(c: TextContext): string {
  const perYear = c.r.chance(0.6);
  const rows: string[] = [];
  if (perYear) {
    rows.push(
      '<tr><td><b>Année</b></td><td><b>Nombre de dossiers</b></td><td><b>Montant (en millions d’euros)</b></td></tr>',
    );
    const n = c.r.int(3, 6);
    for (let i = n; i >= 1; i--) {
      rows.push(`<tr><td>${c.year - i}</td><td>${bigNumber(c)}</td><td>${millions(c)}</td></tr>`);
    }
  } else {
    rows.push('<tr><td><b>Territoire</b></td><td><b>Bénéficiaires</b></td><td><b>Évolution sur un an</b></td></tr>');
    const n = c.r.int(3, 8);
    for (let i = 0; i < n; i++) {
      rows.push(
        `<tr><td>${communeName(c.r)}</td><td>${bigNumber(c)}</td><td>${c.r.chance(0.7) ? '+' : '-'}${pct(c)} %</td></tr>`,
      );
    }
  }
  return `<table border="1"><tbody>${rows.join('')}</tbody></table>`;
}

/** Answer text as the JO HTML fragment; about one answer in twelve carries a table of figures. */
export function composeAnswerText(c: TextContext, budget: number): string {
  const opening = c.r.pick(A_OPENINGS)(c);
  const closing = c.r.pick(A_CLOSINGS)(c);
  const body = sentenceBlock(c, A_BODY, Math.max(10, budget - countWords(opening) - countWords(closing)), [2, 4]);
  const paragraphs = [opening, ...body, closing];
  let html = paragraphsToHtml(paragraphs);
  const tables = budget > 1500 ? c.r.int(1, 3) : c.r.chance(0.08) ? 1 : 0;
  for (let i = 0; i < tables; i++) {
    const at = html.indexOf('</p>', Math.floor(html.length * c.r.next()));
    const cut = at < 0 ? html.length : at + 4;
    html = `${html.slice(0, cut)}<p>Le tableau ci-dessous présente les principales données disponibles :</p>${figuresTable(c)}${html.slice(cut)}`;
  }
  return html;
}

/** `indexationAN.analyses.analyse` values. */
export function composeAnalyses(r: Rng, theme: Theme, subject: string, legislature: number): string | string[] {
  if (legislature >= 16) {
    const title = ucfirst(withoutArticle(subject));
    return r.chance(0.1) ? [title, ucfirst(withoutArticle(r.zipf(theme.terms)))] : title;
  }
  const keywords = (): string => {
    const n = r.int(1, 3);
    const parts = new Set<string>();
    for (let i = 0; i < n; i++) parts.add(withoutArticle(r.zipf(theme.terms)));
    return [...parts].join('. ');
  };
  return r.chance(0.25) ? [keywords(), keywords()] : keywords();
}
