/**
 * /aide: what each command does, with examples, from each command's `help` (see commandKit's defineCommand):
 * a command added to commands/index.ts appears here by itself. The list is passed in by commands/index.ts
 * (this file does not import it: no import cycle).
 */
import { defineCommand, type CommandModule } from '../src/present/commandKit';
import { COLORS } from '../src/present/format';

export default (listCommands: () => readonly CommandModule[]): CommandModule =>
  defineCommand({
    name: 'aide',
    nameEn: 'help',
    description: 'Ce que fait chaque commande, avec des exemples',
    descriptionEn: 'What each command does, with examples',
    help: { what: 'Ce message.', examples: ['/aide'] },
    ephemeral: true,
    async run() {
      return {
        ephemeral: true,
        embeds: [
          {
            title: 'Questions écrites de l’Assemblée nationale et du Sénat — aide',
            color: COLORS.info,
            description:
              'Ce bot cherche dans les questions écrites des député·es et des sénateur·rices et les réponses des ministres (Journal officiel). Dates au format JJ/MM/AAAA ou AAAA-MM-JJ. ' +
              'Option `chambre` : Assemblée nationale, Sénat ou les deux (par défaut) ; sur /question, /similaires et /suivre, le numéro est celui de l’Assemblée sauf `chambre:senat` (les deux chambres numérotent chacune leurs questions). ' +
              'En ligne de commande : « 17-4132 » est la question de l’Assemblée, « S 17-4132 » ou `--chambre senat` celle du Sénat.',
            fields: listCommands().map((c) => ({
              name: `/${c.name}`,
              value: `${c.help.what}\n${c.help.examples.map((e) => `\`${e}\``).join('\n')}`,
            })),
            footer: { text: 'Données : Assemblée nationale et Sénat, Licence Ouverte (Etalab).' },
          },
        ],
      };
    },
  });
