/**
 * What /stats needs to show the service's health, added to CommandDeps by module augmentation (optional: a
 * deps object built without it, as in unit tests, shows the corpus only).
 */
import type { HealthReport } from './health';

declare module '../present/deps' {
  interface CommandDeps {
    health?: () => HealthReport;
  }
}
