/**
 * Name and place lists for generated deputies. Hand-written lists of common French names (no real deputy
 * list was used): combinations of first and last names are what makes a generated deputy.
 */

const split = (s: string): readonly string[] => Object.freeze(s.split('|'));

export const FIRST_NAMES_M = split(
  'Jean|Pierre|Michel|Philippe|Alain|Nicolas|Christophe|Patrick|Éric|Laurent|Stéphane|Olivier|Frédéric|David|' +
    'Thierry|Sébastien|Julien|Daniel|Bernard|François|Jacques|Yves|Didier|Vincent|Pascal|Thomas|Guillaume|Antoine|' +
    'Mathieu|Benoît|Arnaud|Hervé|Gilles|Bruno|Denis|Jérôme|Emmanuel|Romain|Xavier|Fabien|Cédric|Maxime|Alexandre|' +
    'Hugo|Louis|Paul|Raphaël|Adrien|Damien|Florian|Jean-Pierre|Jean-Luc|Jean-Louis|Jean-Marc|Jean-François|' +
    'Jean-Claude|Jean-Paul|Jean-Michel|Pierre-Yves|Marc|Luc|Yannick|Gérard|Gaëtan|Loïc|Hubert|Dominique|Charles|' +
    'Benjamin|Grégoire|Lionel|Rémi|Ludovic|Joël|Roland|Serge|Régis|Bertrand|Étienne|Aurélien|Quentin|Victor|Baptiste|' +
    'Gabriel|Timothée|Matthias|Corentin|Erwan|Gwendal|Killian|Karim|Mehdi|Nadir|Youssef|Idir|Sacha|Marius|Clément|Élie',
);

export const FIRST_NAMES_F = split(
  'Marie|Nathalie|Isabelle|Sylvie|Catherine|Sophie|Valérie|Christine|Véronique|Sandrine|Stéphanie|Céline|Laurence|' +
    'Caroline|Florence|Anne|Martine|Françoise|Brigitte|Hélène|Virginie|Aurélie|Émilie|Julie|Camille|Claire|Élodie|' +
    'Agnès|Patricia|Monique|Danielle|Béatrice|Corinne|Muriel|Pascale|Delphine|Karine|Cécile|Géraldine|Audrey|' +
    'Mathilde|Pauline|Charlotte|Manon|Léa|Chloé|Inès|Sarah|Laure|Anne-Laure|Marie-Christine|Marie-France|' +
    'Marie-Pierre|Anne-Sophie|Marie-Noëlle|Annie|Josiane|Ghislaine|Bérengère|Maud|Solène|Gwenaëlle|Nolwenn|Maïwenn|' +
    'Sabine|Estelle|Fabienne|Jacqueline|Michèle|Élisabeth|Astrid|Constance|Blandine|Aude|Emmanuelle|Frédérique|' +
    'Lydie|Yasmina|Nadia|Samia|Fatiha|Leïla|Anaïs|Justine|Océane|Margaux|Eugénie|Perrine|Ségolène|Violaine|Bénédicte|' +
    'Marianne|Odile|Raphaëlle|Alexandra|Natacha|Ludivine|Gaëlle',
);

export const LAST_NAMES = split(
  'Martin|Bernard|Thomas|Petit|Robert|Richard|Durand|Dubois|Moreau|Laurent|Simon|Michel|Lefebvre|Leroy|Roux|' +
    'David|Bertrand|Morel|Fournier|Girard|Bonnet|Dupont|Lambert|Fontaine|Rousseau|Vincent|Muller|Lefèvre|Faure|' +
    'André|Mercier|Blanc|Guérin|Boyer|Garnier|Chevalier|François|Legrand|Gauthier|Garcia|Perrin|Robin|Clément|' +
    'Morin|Nicolas|Henry|Roussel|Mathieu|Gautier|Masson|Marchand|Duval|Denis|Dumont|Marie|Lemaire|Noël|Meyer|' +
    'Dufour|Meunier|Brun|Blanchard|Giraud|Joly|Rivière|Lucas|Brunet|Gaillard|Barbier|Arnaud|Martinez|Gérard|' +
    'Roche|Renard|Schmitt|Roy|Leroux|Colin|Vidal|Caron|Picard|Roger|Fabre|Aubert|Lemoine|Renaud|Dumas|Lacroix|' +
    'Olivier|Philippe|Bourgeois|Pierre|Benoît|Rey|Leclerc|Payet|Rolland|Leclercq|Guillaume|Lecomte|Lopez|Jean|' +
    'Dupuy|Guillot|Hubert|Berger|Carpentier|Sanchez|Dupuis|Moulin|Louis|Deschamps|Huet|Vasseur|Perez|Boucher|' +
    'Fleury|Royer|Klein|Jacquet|Adam|Paris|Poirier|Marty|Aubry|Guyot|Carré|Charles|Renault|Charpentier|Ménard|' +
    'Maillard|Baron|Bertin|Bailly|Hervé|Schneider|Fernandez|Le Gall|Collet|Léger|Bouvier|Julien|Prévost|Millet|' +
    'Perrot|Daniel|Le Roux|Cousin|Germain|Breton|Besson|Langlois|Rémy|Le Goff|Pelletier|Lévêque|Perrier|Leblanc|' +
    'Barré|Lebrun|Marchal|Weber|Mallet|Hamon|Boulanger|Jacob|Monnier|Michaud|Rodriguez|Guichard|Gillet|Étienne|' +
    'Grondin|Poulain|Tessier|Chevallier|Collin|Chauvin|Da Silva|Bouchet|Gay|Lemaître|Bénard|Maréchal|Humbert|' +
    'Reynaud|Antoine|Hoarau|Perret|Barthélemy|Cordier|Pichon|Lejeune|Gilbert|Lamy|Delaunay|Pasquier|Carlier|' +
    'Laporte|Le Bihan|Kerbrat|Guivarc’h|Le Floch|Tanguy|Quéré|Abgrall|Jaouen|Castel|Lagarde|Delmas|Couderc|' +
    'Vialle|Soulié|Bousquet|Capdevielle|Etcheverry|Larrieu|Lassalle|Dufau|Salvat|Peyrat|Albertini|Santoni|' +
    'Casanova|Pietri|Ferrandi|Marchetti|Zimmermann|Koenig|Haas|Wagner|Hoffmann|Becker|Keller|Fischer|Vogel|' +
    'Delattre|Desmet|Vandenberghe|Lemaire-Dupont|Verhaeghe|Dewaele|Courtois|Delcourt|Lenoir|Thibault|Bouvet|' +
    'Barbe|Chollet|Mounier|Pruvost|Laine|Rigaud|Tissot|Jourdan|Vallet|Bazin|Hamel|Briand|Chatelain|Gallet|' +
    'Riou|Lebon|Toussaint|Techer|Nativel|Fontaine-Leclerc|Sainte-Rose|Célestine|Jean-Baptiste|Alexis|Ramassamy|' +
    'Moutoussamy|Pothin|Bellon|Ferrer|Navarro|Roig|Benhamou|Haddad|Benali|Amrani|Belkacem|Cherif|Mansouri|' +
    'Ouali|Diallo|Traoré|Nguyen|Tran|Pham|de La Roche|de Villiers-Morel|du Plessis|de Courson-Vallée|Saint-Martin|' +
    'Lacoste|Duplessis|Béranger|Fauvel|Gosselin|Hébert|Jolivet|Lamarque|Marais|Normand|Ollivier|Pinson|Quintin|' +
    'Rabier|Sauvage|Texier|Vautrin|Ybert|Azéma|Brochard|Cazenave|Dorval|Esnault|Ferrand|Grosjean|Hennequin',
);

/** Department, its number as the AMO dataset writes it, its number of circonscriptions, its region. */
export interface DepartmentInfo {
  name: string;
  number: string;
  circos: number;
  region: string;
  overseas: boolean;
}

const DEPARTMENT_TABLE =
  'Ain;01;5;Auvergne-Rhône-Alpes|Aisne;02;5;Hauts-de-France|Allier;03;3;Auvergne-Rhône-Alpes|' +
  'Alpes-de-Haute-Provence;04;2;Provence-Alpes-Côte d’Azur|Hautes-Alpes;05;2;Provence-Alpes-Côte d’Azur|' +
  'Alpes-Maritimes;06;9;Provence-Alpes-Côte d’Azur|Ardèche;07;3;Auvergne-Rhône-Alpes|Ardennes;08;3;Grand Est|' +
  'Ariège;09;2;Occitanie|Aube;10;3;Grand Est|Aude;11;3;Occitanie|Aveyron;12;3;Occitanie|' +
  'Bouches-du-Rhône;13;16;Provence-Alpes-Côte d’Azur|Calvados;14;6;Normandie|Cantal;15;2;Auvergne-Rhône-Alpes|' +
  'Charente;16;3;Nouvelle-Aquitaine|Charente-Maritime;17;5;Nouvelle-Aquitaine|Cher;18;3;Centre-Val de Loire|' +
  'Corrèze;19;2;Nouvelle-Aquitaine|Corse-du-Sud;2A;2;Corse|Haute-Corse;2B;2;Corse|' +
  'Côte-d’Or;21;5;Bourgogne-Franche-Comté|Côtes-d’Armor;22;5;Bretagne|Creuse;23;1;Nouvelle-Aquitaine|' +
  'Dordogne;24;4;Nouvelle-Aquitaine|Doubs;25;5;Bourgogne-Franche-Comté|Drôme;26;4;Auvergne-Rhône-Alpes|' +
  'Eure;27;5;Normandie|Eure-et-Loir;28;4;Centre-Val de Loire|Finistère;29;8;Bretagne|Gard;30;6;Occitanie|' +
  'Haute-Garonne;31;10;Occitanie|Gers;32;2;Occitanie|Gironde;33;12;Nouvelle-Aquitaine|Hérault;34;9;Occitanie|' +
  'Ille-et-Vilaine;35;8;Bretagne|Indre;36;2;Centre-Val de Loire|Indre-et-Loire;37;5;Centre-Val de Loire|' +
  'Isère;38;10;Auvergne-Rhône-Alpes|Jura;39;3;Bourgogne-Franche-Comté|Landes;40;3;Nouvelle-Aquitaine|' +
  'Loir-et-Cher;41;3;Centre-Val de Loire|Loire;42;6;Auvergne-Rhône-Alpes|Haute-Loire;43;2;Auvergne-Rhône-Alpes|' +
  'Loire-Atlantique;44;10;Pays de la Loire|Loiret;45;6;Centre-Val de Loire|Lot;46;2;Occitanie|' +
  'Lot-et-Garonne;47;3;Nouvelle-Aquitaine|Lozère;48;1;Occitanie|Maine-et-Loire;49;7;Pays de la Loire|' +
  'Manche;50;4;Normandie|Marne;51;5;Grand Est|Haute-Marne;52;2;Grand Est|Mayenne;53;3;Pays de la Loire|' +
  'Meurthe-et-Moselle;54;6;Grand Est|Meuse;55;2;Grand Est|Morbihan;56;6;Bretagne|Moselle;57;9;Grand Est|' +
  'Nièvre;58;2;Bourgogne-Franche-Comté|Nord;59;21;Hauts-de-France|Oise;60;7;Hauts-de-France|Orne;61;3;Normandie|' +
  'Pas-de-Calais;62;12;Hauts-de-France|Puy-de-Dôme;63;5;Auvergne-Rhône-Alpes|' +
  'Pyrénées-Atlantiques;64;6;Nouvelle-Aquitaine|Hautes-Pyrénées;65;2;Occitanie|Pyrénées-Orientales;66;4;Occitanie|' +
  'Bas-Rhin;67;9;Grand Est|Haut-Rhin;68;6;Grand Est|Rhône;69;14;Auvergne-Rhône-Alpes|' +
  'Haute-Saône;70;2;Bourgogne-Franche-Comté|Saône-et-Loire;71;5;Bourgogne-Franche-Comté|' +
  'Sarthe;72;5;Pays de la Loire|Savoie;73;4;Auvergne-Rhône-Alpes|Haute-Savoie;74;6;Auvergne-Rhône-Alpes|' +
  'Paris;75;18;Île-de-France|Seine-Maritime;76;10;Normandie|Seine-et-Marne;77;11;Île-de-France|' +
  'Yvelines;78;12;Île-de-France|Deux-Sèvres;79;3;Nouvelle-Aquitaine|Somme;80;5;Hauts-de-France|' +
  'Tarn;81;3;Occitanie|Tarn-et-Garonne;82;2;Occitanie|Var;83;8;Provence-Alpes-Côte d’Azur|' +
  'Vaucluse;84;5;Provence-Alpes-Côte d’Azur|Vendée;85;5;Pays de la Loire|Vienne;86;4;Nouvelle-Aquitaine|' +
  'Haute-Vienne;87;3;Nouvelle-Aquitaine|Vosges;88;4;Grand Est|Yonne;89;3;Bourgogne-Franche-Comté|' +
  'Territoire de Belfort;90;2;Bourgogne-Franche-Comté|Essonne;91;10;Île-de-France|' +
  'Hauts-de-Seine;92;13;Île-de-France|Seine-Saint-Denis;93;12;Île-de-France|Val-de-Marne;94;11;Île-de-France|' +
  'Val-d’Oise;95;10;Île-de-France|Guadeloupe;971;4;Guadeloupe|Martinique;972;4;Martinique|Guyane;973;2;Guyane|' +
  'La Réunion;974;7;La Réunion|Mayotte;976;2;Mayotte|Saint-Pierre-et-Miquelon;975;1;Saint-Pierre-et-Miquelon|' +
  'Saint-Barthélemy et Saint-Martin;977;1;Saint-Barthélemy et Saint-Martin|Wallis-et-Futuna;986;1;Wallis-et-Futuna|' +
  'Polynésie française;987;3;Polynésie française|Nouvelle-Calédonie;988;2;Nouvelle-Calédonie|' +
  'Français établis hors de France;099;11;Français établis hors de France';

export const DEPARTMENTS: readonly DepartmentInfo[] = Object.freeze(
  DEPARTMENT_TABLE.split('|').map((row) => {
    const [name, number, circos, region] = row.split(';') as [string, string, string, string];
    return { name, number, circos: Number(circos), region, overseas: number.length === 3 && number !== '099' };
  }),
);

/** Syllables of plausible commune names: prefix + suffix gives the long tail of place names in texts. */
export const COMMUNE_PREFIXES = split(
  'Beau|Belle|Bourg|Châtel|Château|Clair|Roche|Mont|Val|Ville|Fontaine|Plou|Ker|Lan|Tré|Saint-Aubin-|Saint-Julien-|' +
    'Sainte-Marie-|Saint-Genès-|Pont-|Neuf|Haut|Bois|Mar|Grand|Long|Rou|Ver|Cham|Brie|Aigue|Cler|Lou|Mire|Sau|' +
    'Cor|Bel|Ros|Mor|Vi|La Chapelle-|Villers-|Vaux-|Mesnil-|Ro|Mau|Cour|Gour|Lar|Sal|Cas|Per',
);

export const COMMUNE_SUFFIXES = split(
  'mont|fort|lieu|val|ville|court|bourg|champ|fontaine|gastel|nével|ruyère|lac|brune|ferrand|ignac|ac|argues|' +
    'anne|ès|ieu|ols|oux|ennes|ay|ey|ingen|heim|dorf|villiers|pierre|roux|bois|marais|ronde|sagne|cluse|' +
    'combe|riou|mas|poux|lèze|nac|ssac|zac|vent|mer|vert|sec|bray|lande|mière|nay|velle|geac',
);

export const RIVERS = split(
  'Loire|Seine|Garonne|Dordogne|Marne|Oise|Saône|Rhône|Lot|Tarn|Aude|Vienne|Creuse|Sarthe|Mayenne|Meuse|Moselle|' +
    'Vilaine|Charente|Allier|Cher|Indre|Yonne|Aisne|Somme|Orne|Ardèche|Durance|Isère|Drôme|Adour|Aveyron|Gers',
);
