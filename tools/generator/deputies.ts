/**
 * The deputies of generated archives: one seat per circonscription (577) plus ~25 replacements per legislature.
 * A pure function of (seed, legislature): the questions and the acteur files agree on every PA / PM ref.
 * About 45 % of seats keep the previous legislature's deputy (same PA, new PM), as after a real election.
 */
import { Rng } from './random';
import { isoToDay, legislatureSpan, nextTuesday } from './joDates';
import { DEPARTMENTS, FIRST_NAMES_F, FIRST_NAMES_M, LAST_NAMES, type DepartmentInfo } from './vocabulary/people';
import { type GroupDef, groupsOf } from './vocabulary/institutions';

const SEATS = 577;
const REPLACEMENTS = 25;
const CARRY_OVER = 0.45;
const FIRST_LEGISLATURE = 11;

interface Person {
  acteurRef: string;
  civ: 'M.' | 'Mme';
  prenom: string;
  nom: string;
  birthDate: string;
  birthPlace: string;
  birthDepartment: string;
}

export interface DeputySeat {
  legislature: number;
  /** 0..576: the seat's circonscription; 577+: a replacement of an earlier seat holder. */
  slot: number;
  person: Person;
  mandatRef: string;
  department: DepartmentInfo;
  circo: number;
  group: GroupDef;
  startDay: number;
  /** Last day of the mandate when it ended inside the legislature (replaced deputy); null otherwise. */
  endDay: number | null;
}

export interface DeputyPool {
  legislature: number;
  seats: DeputySeat[];
  /** For slots 0..576: the replacement seat taking over (and from which day), if any. */
  replacedBy: Map<number, DeputySeat>;
  /** Slots ordered from the most to the least active question writer (Zipf picks over it). */
  activity: number[];
}

const CIRCOS: Array<{ department: DepartmentInfo; circo: number }> = DEPARTMENTS.flatMap((department) =>
  Array.from({ length: department.circos }, (_, i) => ({ department, circo: i + 1 })),
);

function personFor(seed: number, legislature: number, slot: number): Person {
  // A seat keeps its deputy from one legislature to the next with probability CARRY_OVER (recursively).
  if (legislature > FIRST_LEGISLATURE && slot < SEATS && Rng.of(seed, 'carry', legislature, slot).chance(CARRY_OVER)) {
    return personFor(seed, legislature - 1, slot);
  }
  const r = Rng.of(seed, 'person', legislature, slot);
  const feminine = r.chance(legislature >= 15 ? 0.39 : 0.24);
  const prenom = feminine ? r.zipf(FIRST_NAMES_F) : r.zipf(FIRST_NAMES_M);
  const nom = r.pick(LAST_NAMES);
  const birthYear = 1940 + (legislature - FIRST_LEGISLATURE) * 5 + r.int(0, 40);
  const birthDate = `${birthYear}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`;
  const dep = r.pick(DEPARTMENTS);
  return {
    acteurRef: `PA${600000 + legislature * 1000 + slot}`,
    civ: feminine ? 'Mme' : 'M.',
    prenom,
    nom,
    birthDate,
    birthPlace: dep.name === 'Paris' ? 'Paris' : `Préfecture de ${dep.name}`,
    birthDepartment: dep.name,
  };
}

function drawGroup(r: Rng, groups: readonly GroupDef[]): GroupDef {
  const total = groups.reduce((sum, g) => sum + g.seats, 0);
  let x = r.next() * total;
  for (const g of groups) {
    x -= g.seats;
    if (x < 0) return g;
  }
  return groups[groups.length - 1] as GroupDef;
}

const pools = new Map<string, DeputyPool>();

export function deputyPool(seed: number, legislature: number): DeputyPool {
  const key = `${seed}:${legislature}`;
  const cached = pools.get(key);
  if (cached) return cached;

  const span = legislatureSpan(legislature);
  const start = isoToDay(span.start);
  const end = isoToDay(span.end);
  const groups = groupsOf(legislature);
  const seats: DeputySeat[] = [];
  for (let slot = 0; slot < SEATS; slot++) {
    const circo = CIRCOS[slot] as (typeof CIRCOS)[number];
    seats.push({
      legislature,
      slot,
      person: personFor(seed, legislature, slot),
      mandatRef: `PM${800000 + legislature * 1000 + slot}`,
      department: circo.department,
      circo: circo.circo,
      group: drawGroup(Rng.of(seed, 'group', legislature, slot), groups),
      startDay: start - 14,
      endDay: null,
    });
  }
  const replacedBy = new Map<number, DeputySeat>();
  const rr = Rng.of(seed, 'replacements', legislature);
  for (let k = 0; k < REPLACEMENTS; k++) {
    const slot = SEATS + k;
    const replaced = rr.int(0, SEATS - 1);
    if (replacedBy.has(replaced)) continue;
    const from = nextTuesday(start + rr.int(60, Math.max(61, end - start - 30)));
    const old = seats[replaced] as DeputySeat;
    old.endDay = from - 1;
    const seat: DeputySeat = {
      ...old,
      slot,
      person: personFor(seed, legislature, slot),
      mandatRef: `PM${800000 + legislature * 1000 + slot}`,
      group: drawGroup(Rng.of(seed, 'group', legislature, slot), groups),
      startDay: from,
      endDay: null,
    };
    seats.push(seat);
    replacedBy.set(replaced, seat);
  }
  const activity = Rng.of(seed, 'activity', legislature).sample(
    Array.from({ length: SEATS }, (_, i) => i),
    SEATS,
  );
  const pool = { legislature, seats, replacedBy, activity };
  pools.set(key, pool);
  return pool;
}

/** The author of a question asked on `day`: a Zipf-active seat holder, or whoever replaced them by then. */
export function pickAuthor(pool: DeputyPool, r: Rng, day: number): DeputySeat {
  const slot = r.zipf(pool.activity);
  const replacement = pool.replacedBy.get(slot);
  if (replacement && day >= replacement.startDay) return replacement;
  return pool.seats[slot] as DeputySeat;
}
