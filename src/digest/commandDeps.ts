/**
 * What the /digest, /suivre and /suivis commands need, added to the bot's CommandDeps by module augmentation
 * (optional: a deps object built without digests makes those commands answer "indisponible").
 */
import type { DigestScheduler } from './scheduler';
import type { DigestService } from './DigestService';

export interface DigestCommandDeps {
  service: DigestService;
  /** IANA zone of the schedules (TZ). */
  timeZone: string;
  /** "HH:MM" when /digest ajouter gives no hour (DIGEST_DEFAULT_TIME). */
  defaultTime: string;
  /** Legislature of /suivre when none is given (the live one). */
  defaultLegislature: number;
  /** The running scheduler, when one is started (lets tests and tools run a tick by hand). */
  scheduler: DigestScheduler | null;
}

declare module '../present/deps' {
  interface CommandDeps {
    digest?: DigestCommandDeps;
  }
}
