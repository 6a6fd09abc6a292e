/**
 * Everyday vocabulary shared by every theme (trades, sectors, qualifiers): the long tail of a real corpus,
 * where many words appear only a few times. Zipf-weighted picks keep the first ones frequent.
 */

const split = (s: string): readonly string[] => Object.freeze(s.split('|'));

export const PROFESSIONS = split(
  'les artisans du bâtiment|les ambulanciers|les couvreurs|les plombiers|les électriciens|les menuisiers|les charpentiers|' +
    'les maçons|les boulangers|les pâtissiers|les bouchers|les charcutiers|les fromagers|les poissonniers|les fleuristes|' +
    'les coiffeurs|les esthéticiennes|les taxis|les routiers|les chauffeurs de car|les déménageurs|les garagistes|' +
    'les carrossiers|les contrôleurs techniques|les géomètres|les architectes|les notaires|les huissiers|les experts-comptables|' +
    'les pharmaciens d’officine|les opticiens|les audioprothésistes|les podologues|les ostéopathes|les psychologues|' +
    'les éducateurs spécialisés|les assistants sociaux|les animateurs périscolaires|les agents territoriaux spécialisés des écoles maternelles|' +
    'les surveillants|les conducteurs de bus|les aiguilleurs|les contrôleurs aériens|les dockers|les marins-pêcheurs|' +
    'les ostréiculteurs|les apiculteurs|les horticulteurs|les pépiniéristes|les arboriculteurs|les céréaliers|les betteraviers|' +
    'les producteurs de fruits|les éleveurs ovins|les éleveurs de volailles|les forestiers|les bûcherons|les scieurs|' +
    'les guides de haute montagne|les moniteurs de ski|les saisonniers|les restaurateurs|les cafetiers|les hôteliers|' +
    'les forains|les artistes de cirque|les libraires|les disquaires|les luthiers|les facteurs d’orgues|les restaurateurs de patrimoine|' +
    'les tailleurs de pierre|les vitraillistes|les ébénistes|les tapissiers|les couturiers|les cordonniers|les horlogers|' +
    'les bijoutiers|les serruriers|les ramoneurs|les paysagistes|les jardiniers|les gardiens d’immeuble|les agents de sécurité privée|' +
    'les convoyeurs de fonds|les buralistes|les marchands de journaux|les vendeurs à domicile|les agents immobiliers|' +
    'les courtiers|les agents d’assurance|les banquiers|les conseillers financiers|les informaticiens|les développeurs|' +
    'les techniciens de maintenance|les soudeurs|les chaudronniers|les fondeurs|les mécaniciens|les tourneurs-fraiseurs|' +
    'les opérateurs de production|les caristes|les préparateurs de commandes|les livreurs|les coursiers à vélo|' +
    'les chauffeurs de VTC|les aides-soignants|les auxiliaires de vie|les brancardiers|les manipulateurs en radiologie|' +
    'les préparateurs en pharmacie|les techniciens de laboratoire|les vétérinaires|les maréchaux-ferrants|les palefreniers|' +
    'les entraîneurs|les arbitres|les maîtres-nageurs|les sauveteurs|les gardes champêtres|les gardes forestiers|' +
    'les agents de l’Office français de la biodiversité|les douaniers|les gardiens de prison|les greffiers des tribunaux de commerce|' +
    'les interprètes|les traducteurs|les journalistes pigistes|les photographes|les graphistes|les imprimeurs|les relieurs',
);

export const SECTORS = split(
  'la boulangerie|la métallurgie|la plasturgie|la sidérurgie|la chimie|la pharmacie|la cosmétique|la parfumerie|' +
    'l’agroalimentaire|la meunerie|la brasserie|la distillerie|la tonnellerie|la verrerie|la céramique|la porcelaine|' +
    'la coutellerie|la maroquinerie|la ganterie|le textile|l’habillement|la chaussure|l’ameublement|la papeterie|' +
    'l’imprimerie|l’édition|la presse régionale|l’audiovisuel|le jeu vidéo|l’aéronautique|le spatial|l’automobile|' +
    'la construction navale|le ferroviaire|la logistique|le transport routier de marchandises|le bâtiment|les travaux publics|' +
    'la promotion immobilière|l’hôtellerie|la restauration|l’événementiel|le thermalisme|le nautisme|la plaisance|' +
    'la pêche hauturière|la conchyliculture|la sylviculture|la filière bois|la filière équine|la filière apicole|' +
    'l’horticulture|la viticulture|la filière cidricole|la filière laitière|la filière porcine|la filière avicole|' +
    'le maraîchage|la filière sucrière|la filière lin|la filière chanvre|l’économie sociale et solidaire|' +
    'la grande distribution|le commerce de gros|la vente à distance|les services à la personne|la propreté|' +
    'la sécurité privée|l’intérim|le conseil|l’ingénierie|les télécommunications|le recyclage|la dépollution|' +
    'l’énergie hydraulique|la géothermie|la filière hydrogène|les batteries|les semi-conducteurs|la robotique',
);

export const QUALIFIERS = split(
  'préoccupante|alarmante|inquiétante|critique|intenable|paradoxale|incompréhensible|injuste|inacceptable|' +
    'problématique|difficile|tendue|fragile|précaire|dégradée|contrastée|hétérogène|inégale|complexe|confuse|' +
    'singulière|inédite|durable|structurelle|conjoncturelle|chronique|récurrente|persistante|préjudiciable|' +
    'dommageable|regrettable|dramatique|ubuesque|kafkaïenne|absurde|disproportionnée|insoutenable|délicate',
);
