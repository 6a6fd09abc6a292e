/**
 * Deterministic generator of written questions in the official open-data shape.
 *
 * Contract: every question is a pure function of (seed, legislature, number, options, overrides): the same
 * seed gives byte-identical output, and "day 2" of an archive (planEvolution) differs from "day 1" only where
 * the plan says so. Question numbers are chronological: number n of a legislature is published around
 * start + (n / nominal volume) of its span; numbers beyond the nominal volume get a random date in the span.
 */
import { type CampaignDraw, campaignOf, memberText, TEMPLATE_AUTHOR } from './campaigns';
import { Rng } from './random';
import { dayToIso, isoToDay, legislatureSpan, nextTuesday } from './joDates';
import { type DeputySeat, deputyPool, pickAuthor } from './deputies';
import { type Theme, THEMES } from './vocabulary/themes';
import {
  MINISTRIES,
  type MinistryDef,
  groupOrganeRef,
  ministryByKey,
  ministryOrganeRef,
} from './vocabulary/institutions';
import {
  type TextContext,
  answerBudget,
  composeAnalyses,
  composeAnswerText,
  composeQuestionText,
  questionBudget,
} from './composeTexts';
import {
  type OfficialCloture,
  type OfficialInfoJO,
  type OfficialMinAttrib,
  type OfficialOrganeLabel,
  type OfficialQuestion,
  XMLNS,
  XMLNS_XSI,
} from './officialTypes';

export interface GenerateOptions {
  /** Number of questions to generate (over all legislatures). */
  count: number;
  seed: number;
  /** Legislature of every question (default 17) unless `legislatures` is given. */
  legislature?: number;
  /** Several legislatures: questions are shared out in proportion to their real volumes, oldest first. */
  legislatures?: number[];
  /** First question number of each legislature (default 1). */
  startNumber?: number;
  /** Share of questions answered (default 0.65), withdrawn (0.05), transferred to another ministry (0.1). */
  answeredShare?: number;
  withdrawnShare?: number;
  transferShare?: number;
  /** Share of questions filed as part of a campaign (campaigns.ts; default 0: no campaign, output unchanged). */
  campaignShare?: number;
}

export interface ResolvedOptions {
  seed: number;
  answeredShare: number;
  withdrawnShare: number;
  transferShare: number;
  campaignShare: number;
}

/** What planEvolution changes in one question; everything else stays as generated. */
export interface QuestionOverrides {
  /** A question new in this version: published on `questionDay`, pending, never transferred. */
  newOnDay?: number;
  /** Answered on that day (the question was pending). */
  answerDay?: number;
  /** Transferred on that day to another ministry (appended to minAttribs). */
  transferDay?: number;
  /** Withdrawn ("Retirée") on that day. */
  withdrawDay?: number;
}

const DEFAULTS = { answeredShare: 0.65, withdrawnShare: 0.05, transferShare: 0.1 } as const;

export function resolveOptions(opts: GenerateOptions): ResolvedOptions {
  return {
    seed: opts.seed >>> 0,
    answeredShare: opts.answeredShare ?? DEFAULTS.answeredShare,
    withdrawnShare: opts.withdrawnShare ?? DEFAULTS.withdrawnShare,
    transferShare: opts.transferShare ?? DEFAULTS.transferShare,
    campaignShare: opts.campaignShare ?? 0,
  };
}

/** How many questions of each legislature `generateQuestions` yields, in yield order. */
export function allocateCounts(
  opts: GenerateOptions,
): Array<{ legislature: number; count: number; startNumber: number }> {
  const startNumber = opts.startNumber ?? 1;
  if (!Number.isInteger(opts.count) || opts.count < 0)
    throw new Error(`generator: nombre de questions invalide (${opts.count})`);
  const legislatures =
    opts.legislatures && opts.legislatures.length > 0
      ? [...opts.legislatures].sort((x, y) => x - y)
      : [opts.legislature ?? 17];
  const weights = legislatures.map((l) => legislatureSpan(l).nominalQuestions);
  const total = weights.reduce((sum, w) => sum + w, 0);
  const raw = weights.map((w) => (opts.count * w) / total);
  const counts = raw.map(Math.floor);
  let left = opts.count - counts.reduce((sum, c) => sum + c, 0);
  const byRemainder = raw.map((x, i) => ({ i, rem: x - Math.floor(x) })).sort((p, q) => q.rem - p.rem || p.i - q.i);
  for (const { i } of byRemainder) {
    if (left <= 0) break;
    counts[i] = (counts[i] as number) + 1;
    left--;
  }
  return legislatures.map((legislature, i) => ({ legislature, count: counts[i] as number, startNumber }));
}

/** Yields `count` questions (inner `question` objects), legislature by legislature, in number order. */
export function* generateQuestions(opts: GenerateOptions): Generator<OfficialQuestion> {
  const resolved = resolveOptions(opts);
  for (const part of allocateCounts(opts)) {
    for (let i = 0; i < part.count; i++) {
      yield buildQuestion(resolved, part.legislature, part.startNumber + i);
    }
  }
}

// ---------- one question ----------

/** The campaign's shared text, written for a placeholder author (campaigns.ts replaces the name). */
function campaignTemplate(campaign: CampaignDraw, c: TextContext): string {
  const author = { civ: 'M.' as const, fullName: TEMPLATE_AUTHOR, department: c.author.department };
  return composeQuestionText({ ...c, r: campaign.shared, author }, questionBudget(campaign.shared));
}

const PAGES_PER_WEEK = 220;

function infoJO(day: number, r: Rng | null): OfficialInfoJO {
  const iso = dayToIso(day);
  const jan1 = isoToDay(`${iso.slice(0, 4)}-01-01`);
  const week = Math.floor((day - jan1) / 7);
  return {
    typeJO: 'JO_QUESTION',
    dateJO: iso,
    pageJO: r ? String(1 + week * PAGES_PER_WEEK + r.int(0, PAGES_PER_WEEK - 1)) : null,
    numJO: r ? String(week + 1) : null,
    urlLegifrance: null,
    referenceNOR: null,
  };
}

function organeLabel(legislature: number, m: MinistryDef): OfficialOrganeLabel {
  return { organeRef: ministryOrganeRef(legislature, m.key), abrege: m.abrege, developpe: m.developpe };
}

function ministerOf(seed: number, legislature: number, m: MinistryDef): TextContext['minister'] {
  const feminine = Rng.of(seed, 'minister', legislature, m.key).chance(0.4);
  let title = m.title;
  if (feminine) title = title.replace(/chargé /g, 'chargée ').replace('Premier ministre', 'Première ministre');
  return { address: `${feminine ? 'Mme la' : 'M. le'} ${title}`, self: m.self, feminine };
}

function otherMinistry(r: Rng, theme: Theme, not: readonly string[]): MinistryDef {
  const candidates = theme.ministries.filter((k) => !not.includes(k));
  if (candidates.length > 0 && r.chance(0.7)) return ministryByKey(r.pick(candidates));
  let m = r.pick(MINISTRIES);
  while (not.includes(m.key)) m = r.pick(MINISTRIES);
  return m;
}

function curly(text: string, r: Rng): string {
  // About one text in four uses the typographic apostrophe throughout, as some ministries' software does.
  return r.chance(0.25) ? text.replace(/'/g, '’') : text;
}

function questionDayFor(legislature: number, number: number, u: number): number {
  const span = legislatureSpan(legislature);
  const start = isoToDay(span.start);
  const end = isoToDay(span.end);
  const frac = number <= span.nominalQuestions ? (number - 1) / span.nominalQuestions : u;
  const day = nextTuesday(start + Math.floor(frac * (end - start)));
  return Math.min(day, end);
}

/** Builds one question. Exported for planEvolution; use generateQuestions otherwise. */
export function buildQuestion(
  opts: ResolvedOptions,
  legislature: number,
  number: number,
  overrides: QuestionOverrides = {},
): OfficialQuestion {
  const { seed } = opts;
  const span = legislatureSpan(legislature);
  const endDay = isoToDay(span.end);
  const meta = Rng.of(seed, 'meta', legislature, number);
  const uid = `QANR5L${legislature}QE${number}`;

  // Draw order is part of the determinism contract: add new draws at the end only.
  const u = meta.next();
  const baseDay = questionDayFor(legislature, number, u);
  const qDay = overrides.newOnDay ?? baseDay;
  let theme = meta.zipf(THEMES);
  let subject = meta.zipf(theme.subjects);
  let asked = meta.chance(0.9) ? ministryByKey(meta.zipf(theme.ministries)) : meta.pick(MINISTRIES);
  const pool = deputyPool(seed, legislature);
  const author: DeputySeat = pickAuthor(pool, meta, qDay);
  const teteNull = meta.chance(legislature >= 16 ? 0.8 : 0.05);
  const tete = meta.zipf(theme.tetes);
  // A campaign's questions share its theme, subject and ministry (their own draws above are made all the same).
  const campaign = campaignOf(seed, legislature, number, opts.campaignShare);
  if (campaign) {
    theme = campaign.shared.zipf(THEMES);
    subject = campaign.shared.zipf(theme.subjects);
    asked = ministryByKey(campaign.shared.zipf(theme.ministries));
  }
  const analyses = composeAnalyses(meta, theme, subject, legislature);
  const statusRoll = meta.next();
  const delayMonths = Math.min(24, Math.max(1, meta.logNormal(4, 0.75)));
  const withdrawRetiree = meta.chance(0.8);
  const withdrawAfterDays = meta.int(30, 360);
  const transferRoll = meta.next();
  const twoHops = meta.chance(0.15);
  const transferFracs = [meta.next(), meta.next()];
  const firstTarget = otherMinistry(meta, theme, [asked.key]);

  // Status as generated ("day 1").
  let answerDay: number | null = null;
  let closure: { code: string; label: string; day: number } | null = null;
  if (overrides.newOnDay === undefined) {
    if (statusRoll < opts.answeredShare) {
      const d = nextTuesday(qDay + Math.round(delayMonths * 30.4));
      if (d <= endDay) answerDay = d;
    } else if (statusRoll < opts.answeredShare + opts.withdrawnShare) {
      const d = Math.min(nextTuesday(qDay + withdrawAfterDays), endDay);
      closure = withdrawRetiree ? { code: 'RET', label: 'Retirée', day: d } : { code: 'CAD', label: 'Caduque', day: d };
    }
    if (answerDay === null && closure === null && span.ended) {
      // Questions still unanswered when the legislature ends lapse.
      closure = { code: 'CAD', label: 'Caduque', day: endDay };
    }
  }

  // Ministry history as generated: asked ministry first; transfers happen before the answer / closure, and never
  // after the legislature's horizon (so that an evolution's later date is after every generated one).
  const history: Array<{ m: MinistryDef; day: number }> = [{ m: asked, day: qDay }];
  if (overrides.newOnDay === undefined && transferRoll < opts.transferShare) {
    const limit = answerDay ?? closure?.day ?? Math.min(endDay, qDay + 365);
    const hops = twoHops ? 2 : 1;
    let prev = qDay;
    for (let h = 0; h < hops; h++) {
      const room = limit - prev - 14;
      if (room < 7) break;
      const share = h === 0 && hops === 2 ? 0.5 : 1;
      const day = nextTuesday(prev + 7 + Math.floor((transferFracs[h] as number) * room * share));
      if (day >= limit || day <= prev) break;
      const m =
        h === 0
          ? firstTarget
          : otherMinistry(
              meta,
              theme,
              history.map((x) => x.m.key),
            );
      history.push({ m, day });
      prev = day;
    }
  }

  // The changes of an evolution ("day 2").
  if (overrides.answerDay !== undefined) {
    answerDay = overrides.answerDay;
    closure = null;
  }
  if (overrides.withdrawDay !== undefined) {
    answerDay = null;
    closure = { code: 'RET', label: 'Retirée', day: overrides.withdrawDay };
  }
  if (overrides.transferDay !== undefined) {
    const tr = Rng.of(seed, 'evolution-transfer', legislature, number);
    history.push({
      m: otherMinistry(
        tr,
        theme,
        history.map((x) => x.m.key),
      ),
      day: overrides.transferDay,
    });
  }
  const current = (history[history.length - 1] as { m: MinistryDef }).m;

  // Texts: their own random streams, so that a change of status never changes the question's words.
  const qr = Rng.of(seed, 'qtext', legislature, number);
  const person = author.person;
  const qCtx: TextContext = {
    r: qr,
    theme,
    subject,
    author: { civ: person.civ, fullName: `${person.prenom} ${person.nom}`, department: author.department },
    minister: ministerOf(seed, legislature, asked),
    year: Number(dayToIso(qDay).slice(0, 4)),
    date: dayToIso(qDay),
  };
  const questionHtml = campaign
    ? memberText(campaignTemplate(campaign, qCtx), qCtx, campaign.own)
    : curly(composeQuestionText(qCtx, questionBudget(qr)), qr);
  const qInfo = infoJO(qDay, qr);

  let textesReponse: OfficialQuestion['textesReponse'] = null;
  if (answerDay !== null) {
    const ar = Rng.of(seed, 'atext', legislature, number);
    const aCtx: TextContext = {
      ...qCtx,
      r: ar,
      minister: ministerOf(seed, legislature, current),
      year: Number(dayToIso(answerDay).slice(0, 4)),
      date: dayToIso(answerDay),
    };
    const answerHtml = campaign?.jointAnswer
      ? composeAnswerText(
          { ...aCtx, r: campaign.shared, year: qCtx.year, date: qCtx.date },
          answerBudget(campaign.shared),
        )
      : curly(composeAnswerText(aCtx, answerBudget(ar)), ar);
    const aInfo = infoJO(answerDay, ar);
    textesReponse = { texteReponse: { infoJO: aInfo, texte: answerHtml } };
    closure = { code: 'REP_PUB', label: 'Réponse publiée', day: answerDay };
  }

  const attribs: OfficialMinAttrib[] = history.map((h) => ({
    infoJO: infoJO(h.day, null),
    denomination: organeLabel(legislature, h.m),
  }));
  let cloture: OfficialCloture | null = null;
  if (closure) {
    const info =
      closure.code === 'REP_PUB' && textesReponse ? textesReponse.texteReponse.infoJO : infoJO(closure.day, null);
    cloture = {
      codeCloture: closure.code,
      libelleCloture: closure.label,
      dateCloture: dayToIso(closure.day),
      infoJO: info,
    };
  }

  return {
    '@xmlns': XMLNS,
    '@xmlns:xsi': XMLNS_XSI,
    '@xsi:type': 'QuestionEcrite_Type',
    uid,
    identifiant: { numero: String(number), regime: '5eme Republique', legislature: String(legislature) },
    type: 'QE',
    indexationAN: {
      rubrique: theme.rubrique,
      teteAnalyse: teteNull ? null : tete,
      analyses: { analyse: analyses },
    },
    auteur: {
      identite: { acteurRef: person.acteurRef, mandatRef: author.mandatRef },
      groupe: {
        organeRef: groupOrganeRef(legislature, author.group.abrege),
        abrege: author.group.abrege,
        developpe: author.group.developpe,
      },
    },
    minInt: organeLabel(legislature, asked),
    minAttribs: { minAttrib: attribs.length === 1 ? (attribs[0] as OfficialMinAttrib) : attribs },
    textesQuestion: { texteQuestion: { infoJO: qInfo, texte: questionHtml } },
    textesReponse,
    cloture,
    signalement: null,
    renouvellements: null,
  };
}
