/**
 * An expected problem caused by the user's input or by the state of the corpus ("aucune question n° 99999").
 * The dispatcher shows `message` (French) to the author only; nothing is logged as an error.
 */
export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserError';
  }
}

export function isUserError(e: unknown): e is UserError {
  return e instanceof UserError;
}
