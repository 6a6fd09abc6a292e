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

/** A button or menu whose command is gone or whose arguments no longer read: the one wording. */
export const STALE_COMPONENT_MESSAGE = 'Ce bouton n’est plus valide : relancez la commande.';

/** A button whose saved state (a search's pages, a list) is gone: « Cette recherche a expiré : relancez la commande. » */
export function expiredMessage(what: 'Cette recherche' | 'Cette tendance' | 'Cette liste'): string {
  return `${what} a expiré : relancez la commande.`;
}
