/** The shared `chambre` option (src/present/views/filters.ts): declared once, read once, described and echoed back. */
import { describe, expect, it } from 'vitest';
import {
  CHAMBER_OPTION,
  describeFilters,
  FILTER_OPTIONS,
  filtersOf,
  slashCommand,
} from '../../src/present/views/filters';
import { createRegistry } from '../../src/present/commandKit';
import { commands } from '../../commands';

describe('the chambre option', () => {
  it('is the same declaration on every command that filters by chamber', () => {
    const registry = createRegistry(commands);
    const optionOf = (command: string, sub?: string) => {
      const data = registry.get(command)!.data as { options?: Array<{ name: string; options?: unknown[] }> };
      const options = sub ? (data.options?.find((o) => o.name === sub)?.options as typeof data.options) : data.options;
      return options?.find((o) => o.name === 'chambre');
    };
    const reference = optionOf('recherche');
    expect(reference).toMatchObject({
      choices: [
        { name: 'Assemblée nationale', value: 'an' },
        { name: 'Sénat', value: 'senat' },
        { name: 'Les deux', value: 'tous' },
      ],
    });
    for (const [command, sub] of [['tendance'], ['palmares'], ['stats'], ['digest', 'ajouter'], ['digest', 'modifier']])
      expect(optionOf(command!, sub), `${command} ${sub ?? ''}`).toEqual(reference);
    expect(FILTER_OPTIONS.chambre).toBe(CHAMBER_OPTION);
  });

  it('filters one chamber, or both for « tous » and when absent', () => {
    expect(filtersOf({ chambre: 'senat' })).toEqual({ chamber: 'senat' });
    expect(filtersOf({ chambre: 'an', legislature: 16 })).toEqual({ chamber: 'an', legislature: 16 });
    expect(filtersOf({ chambre: 'tous' })).toEqual({});
    expect(filtersOf({})).toEqual({});
  });

  it('is described in French and given back in the equivalent command', () => {
    expect(describeFilters({ chamber: 'senat', legislature: 17 })).toBe('Sénat · 17e législature');
    expect(slashCommand('tendance', 'loup', { chamber: 'senat' })).toBe('/tendance texte:loup chambre:senat');
  });
});
