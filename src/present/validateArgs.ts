/** The values of a call checked and converted against a command's declaration (Discord and the console alike). */
import type { OptionSpecs, RawArgs } from './commandTypes';
import { escapeCorpus } from './markdown';
import { UserError } from './UserError';

/** Checks and converts raw values against the declaration; the error messages are for users. */
export function validateArgs(specs: OptionSpecs, values: RawArgs['values']): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const [name, spec] of Object.entries(specs)) {
    const raw = values[name];
    if (raw === undefined || (typeof raw === 'string' && raw.trim() === '' && spec.type !== 'string')) {
      if (spec.required) throw new UserError(`L'option « ${name} » est obligatoire.`);
      continue;
    }
    switch (spec.type) {
      case 'string': {
        const v = String(raw).trim();
        if (v === '' && spec.required) throw new UserError(`L'option « ${name} » ne peut pas être vide.`);
        if (v === '') continue;
        if (spec.minLength !== undefined && v.length < spec.minLength) {
          throw new UserError(`L'option « ${name} » doit faire au moins ${spec.minLength} caractères.`);
        }
        if (spec.maxLength !== undefined && v.length > spec.maxLength) {
          throw new UserError(
            `L'option « ${name} » est trop longue (${v.length} caractères, ${spec.maxLength} au plus).`,
          );
        }
        if (spec.choices && !spec.choices.some((c) => c.value === v)) {
          throw new UserError(
            `Valeur inconnue pour « ${name} » : ${escapeCorpus(v)}. Possibles : ${spec.choices.map((c) => c.value).join(', ')}.`,
          );
        }
        out[name] = v;
        break;
      }
      case 'integer':
      case 'number': {
        const n = typeof raw === 'number' ? raw : Number(String(raw).trim().replace(',', '.'));
        if (!Number.isFinite(n) || (spec.type === 'integer' && !Number.isInteger(n))) {
          throw new UserError(
            `L'option « ${name} » attend un nombre${spec.type === 'integer' ? ' entier' : ''}, reçu « ${escapeCorpus(String(raw))} ».`,
          );
        }
        if (spec.minValue !== undefined && n < spec.minValue)
          throw new UserError(`L'option « ${name} » doit valoir au moins ${spec.minValue}.`);
        if (spec.maxValue !== undefined && n > spec.maxValue)
          throw new UserError(`L'option « ${name} » doit valoir au plus ${spec.maxValue}.`);
        if (spec.type === 'integer' && spec.choices && !spec.choices.some((c) => c.value === n)) {
          throw new UserError(`Valeur inconnue pour « ${name} » : ${n}.`);
        }
        out[name] = n;
        break;
      }
      case 'boolean': {
        if (typeof raw === 'boolean') out[name] = raw;
        else if (/^(true|oui|vrai|1)$/i.test(String(raw))) out[name] = true;
        else if (/^(false|non|faux|0)$/i.test(String(raw))) out[name] = false;
        else throw new UserError(`L'option « ${name} » attend oui ou non.`);
        break;
      }
      case 'channel':
      case 'user':
      case 'role': {
        const v = String(raw)
          .trim()
          .replace(/^<(?:#|@!?|@&)(\d+)>$/, '$1');
        if (!/^\d{1,21}$/.test(v)) throw new UserError(`L'option « ${name} » attend un identifiant Discord.`);
        out[name] = v;
        break;
      }
    }
  }
  return out;
}
