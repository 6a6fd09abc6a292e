/**
 * The subjects of generated questions, one theme per rubrique. Written for this generator: noun phrases carry
 * their article ("la filière laitière") so that templates can build "de la", "du", "des", "à l'"... with elision.
 * Lists are ordered from the most to the least common: picks are Zipf-weighted.
 */

export interface Theme {
  /** Lower case, as `indexationAN.rubrique` writes it. */
  rubrique: string;
  /** Ministry keys, the first one being the usual addressee. */
  ministries: readonly string[];
  /** Têtes d'analyse (as the Assemblée capitalises them: first letter upper case). */
  tetes: readonly string[];
  /** What the question is about ("sur ..."). */
  subjects: readonly string[];
  /** The people concerned ("les éleveurs"). */
  publics: readonly string[];
  /** Domain noun phrases used in sentences and analyses. */
  terms: readonly string[];
  /** Public schemes, plans and funds. */
  measures: readonly string[];
  /** Codes cited in answers ("code rural et de la pêche maritime"), without "code ". */
  codes: readonly string[];
}

const s = (x: string): readonly string[] => Object.freeze(x.split('|'));

interface ThemeSource {
  rubrique: string;
  ministries: string;
  tetes: string;
  subjects: string;
  publics: string;
  terms: string;
  measures: string;
  codes: string;
}

const T = (t: ThemeSource): Theme =>
  Object.freeze({
    rubrique: t.rubrique,
    ministries: s(t.ministries),
    tetes: s(t.tetes),
    subjects: s(t.subjects),
    publics: s(t.publics),
    terms: s(t.terms),
    measures: s(t.measures),
    codes: s(t.codes),
  });

export const THEMES: readonly Theme[] = Object.freeze([
  T({
    rubrique: 'santé',
    ministries: 'sante|solidarites|pm',
    tetes: 'Déserts médicaux|Maladies rares|Santé mentale|Prévention|Vaccinations|Cancer|Soins palliatifs|Maladie de Lyme',
    subjects:
      "l'accès aux soins dans les territoires ruraux|la prise en charge des maladies rares|la santé mentale des jeunes|" +
      "les délais d'attente pour obtenir un rendez-vous chez un spécialiste|le dépistage organisé du cancer du sein|" +
      'la reconnaissance de la maladie de Lyme chronique|le développement des soins palliatifs|' +
      "la couverture vaccinale des adolescents|la prévention de l'obésité infantile|l'endométriose",
    publics: 'les patients|les malades chroniques|les familles de patients|les personnes âgées|les jeunes adultes|les associations de patients',
    terms:
      'le parcours de soins|la téléconsultation|les centres de santé|la permanence des soins|le dépistage précoce|' +
      "les maisons de santé pluriprofessionnelles|l'offre de soins|le reste à charge|les dépassements d'honoraires|" +
      "la médecine de ville|les troubles psychiques|l'errance diagnostique|les protocoles de soins|la prévention primaire|" +
      "les centres médico-psychologiques|l'hospitalisation à domicile|les affections de longue durée|la santé environnementale",
    measures:
      'le plan national maladies rares|la feuille de route santé mentale et psychiatrie|la stratégie décennale de lutte contre les cancers|' +
      "le pacte de lutte contre les déserts médicaux|le fonds d'intervention régional|la stratégie nationale de santé",
    codes: 'de la santé publique|de la sécurité sociale',
  }),
  T({
    rubrique: 'agriculture',
    ministries: 'agriculture|ecologie|economie',
    tetes: 'Exploitants|Élevage|Aides|Viticulture|Lait|Installation|Produits phytosanitaires|Calamités agricoles',
    subjects:
      'la situation financière des exploitations laitières|le renouvellement des générations en agriculture|' +
      'les conséquences des aléas climatiques sur les récoltes|la rémunération des producteurs|' +
      "l'usage des produits phytosanitaires|la crise que traverse la filière viticole|" +
      "l'installation des jeunes agriculteurs|la protection des troupeaux face à la prédation|" +
      "le versement tardif des aides de la politique agricole commune|l'avenir de l'élevage bovin",
    publics: 'les agriculteurs|les éleveurs|les viticulteurs|les jeunes exploitants|les producteurs de lait|les maraîchers',
    terms:
      'la politique agricole commune|les prix agricoles|les coûts de production|la contractualisation|' +
      "l'assurance récolte|les indemnités compensatoires de handicaps naturels|la transmission des exploitations|" +
      'le foncier agricole|les circuits courts|la souveraineté alimentaire|les négociations commerciales|' +
      "l'agriculture biologique|les haies bocagères|l'irrigation|les retenues collinaires|la fièvre catarrhale ovine|" +
      'la dermatose nodulaire contagieuse|les zones défavorisées simples|les mesures agroenvironnementales',
    measures:
      "la loi d'orientation agricole|le plan de souveraineté élevage|le fonds d'urgence pour la viticulture|" +
      "la dotation jeunes agriculteurs|le dispositif d'arrachage des vignes|le plan Écophyto",
    codes: 'rural et de la pêche maritime|de l’environnement',
  }),
  T({
    rubrique: 'retraites : généralités',
    ministries: 'travail|comptes|solidarites',
    tetes: 'Montant des pensions|Âge de la retraite|Pensions de réversion|Carrières longues|Polypensionnés|Calcul des pensions|Minimum contributif',
    subjects:
      'le niveau des petites pensions|la revalorisation des retraites agricoles|les conditions de départ anticipé pour carrière longue|' +
      'la réforme des pensions de réversion|la situation des polypensionnés|la prise en compte des trimestres validés à l’étranger|' +
      "l'écart de pension entre les femmes et les hommes|le cumul emploi-retraite|le rachat de trimestres",
    publics: 'les retraités|les futurs retraités|les veuves et les veufs|les conjoints collaborateurs|les polypensionnés|les assurés nés en 1964',
    terms:
      "l'âge légal de départ|la durée d'assurance|le minimum contributif|la pension de réversion|la décote|la surcote|" +
      "les trimestres cotisés|l'assurance vieillesse|la retraite complémentaire|le relevé de carrière|" +
      "l'allocation de solidarité aux personnes âgées|la revalorisation annuelle|le taux plein|la retraite progressive|" +
      "les droits familiaux|le système universel|l'indexation sur l'inflation",
    measures:
      "la réforme des retraites de 2023|le dispositif carrières longues|l'allocation de solidarité aux personnes âgées|" +
      'le guichet unique des retraites|la retraite progressive',
    codes: 'de la sécurité sociale|rural et de la pêche maritime',
  }),
  T({
    rubrique: 'sécurité des biens et des personnes',
    ministries: 'interieur|justice|ecologie',
    tetes: 'Sapeurs-pompiers|Sécurité civile|Incendies|Inondations|Secours en montagne|Défibrillateurs|Sirènes',
    subjects:
      "l'engagement des sapeurs-pompiers volontaires|les moyens de lutte contre les feux de forêt|" +
      'la prévention du risque inondation|le financement des services départementaux d’incendie et de secours|' +
      "l'équipement des communes en défibrillateurs|les violences commises contre les sapeurs-pompiers|" +
      "l'alerte des populations en cas de catastrophe|le secours en montagne",
    publics: 'les sapeurs-pompiers volontaires|les maires|les populations exposées|les sinistrés|les bénévoles de la sécurité civile',
    terms:
      "les services départementaux d'incendie et de secours|la flotte d'avions bombardiers d'eau|le plan communal de sauvegarde|" +
      "l'état de catastrophe naturelle|les plans de prévention des risques|la disponibilité opérationnelle|" +
      "la directive européenne sur le temps de travail|le système d'alerte|la défense extérieure contre l'incendie|" +
      "les réserves communales de sécurité civile|le débroussaillement|le retrait-gonflement des argiles",
    measures:
      "le plan de mobilisation en faveur du volontariat|le fonds de prévention des risques naturels majeurs|" +
      "la loi visant à consolider notre modèle de sécurité civile|le dispositif FR-Alert",
    codes: 'de la sécurité intérieure|général des collectivités territoriales',
  }),
  T({
    rubrique: 'enseignement',
    ministries: 'education|handicap|territoires',
    tetes: 'Fermeture de classes|Rythmes scolaires|Enseignants|Élèves handicapés|Harcèlement scolaire|Programmes|Remplacements',
    subjects:
      "les fermetures de classes en milieu rural|le remplacement des enseignants absents|l'accompagnement des élèves en situation de handicap|" +
      'la lutte contre le harcèlement scolaire|la revalorisation du métier d’enseignant|la mixité sociale dans les collèges|' +
      "l'enseignement des langues régionales|la réforme du lycée professionnel",
    publics: 'les élèves|les parents d’élèves|les enseignants|les directeurs d’école|les accompagnants des élèves en situation de handicap',
    terms:
      "la carte scolaire|les dotations horaires globales|les accompagnants d'élèves en situation de handicap|" +
      "l'école inclusive|les réseaux d'éducation prioritaire|le dédoublement des classes|les rythmes scolaires|" +
      "les regroupements pédagogiques intercommunaux|l'orientation|le socle commun|les heures non remplacées|" +
      "la formation continue des enseignants|l'enseignement privé sous contrat|le baccalauréat|le brevet des collèges",
    measures:
      "le choc des savoirs|le programme pHARe|le pacte enseignant|les pôles d'appui à la scolarité|" +
      "les territoires éducatifs ruraux|le plan mercredi",
    codes: "de l'éducation",
  }),
  T({
    rubrique: 'outre-mer',
    ministries: 'outremer|interieur|economie',
    tetes: 'Vie chère|Continuité territoriale|Octroi de mer|Mayotte|Guyane|Chlordécone|Eau potable',
    subjects:
      'la vie chère dans les départements d’outre-mer|la continuité territoriale|les conséquences de la pollution au chlordécone|' +
      "l'accès à l'eau potable en Guadeloupe|la situation sécuritaire à Mayotte|l'orpaillage illégal en Guyane|" +
      "la desserte aérienne des territoires ultramarins|l'octroi de mer",
    publics: 'les Ultramarins|les habitants de Mayotte|les familles guadeloupéennes|les entreprises ultramarines|les étudiants ultramarins',
    terms:
      "l'octroi de mer|les prix des produits de première nécessité|le bouclier qualité-prix|la défiscalisation|" +
      "le coût du fret|les réseaux d'eau|l'aide à la continuité territoriale|les zones franches d'activité|" +
      "l'insularité|l'immigration irrégulière|les sargasses|le chlordécone|les délais de paiement des collectivités",
    measures:
      "le plan chlordécone IV|le bouclier qualité-prix|l'agence de l'outre-mer pour la mobilité|" +
      "le plan eau DOM|la loi de programmation relative à l'égalité réelle outre-mer",
    codes: 'général des collectivités territoriales|des douanes',
  }),
  T({
    rubrique: 'numérique',
    ministries: 'numerique|economie|interieur',
    tetes: 'Fibre optique|Fracture numérique|Intelligence artificielle|Cybersécurité|Données personnelles|Plateformes',
    subjects:
      'le déploiement de la fibre optique dans les zones rurales|la couverture mobile des territoires|la fracture numérique|' +
      "l'usage de l'intelligence artificielle par les administrations|la protection des données personnelles|" +
      'la cybersécurité des hôpitaux et des collectivités|la régulation des plateformes en ligne|la dématérialisation des démarches administratives',
    publics: 'les usagers|les personnes âgées|les petites communes|les entreprises du numérique|les habitants des zones blanches',
    terms:
      "le très haut débit|les zones blanches|le New Deal mobile|les conseillers numériques|l'inclusion numérique|" +
      "les cyberattaques|les rançongiciels|le règlement général sur la protection des données|l'hébergement des données|" +
      "les réseaux d'initiative publique|le raccordement final|les opérateurs de télécommunications|la souveraineté numérique|" +
      "l'identité numérique|les algorithmes|la modération des contenus",
    measures:
      "le plan France Très Haut Débit|le dispositif des conseillers numériques France Services|" +
      "la stratégie nationale pour l'intelligence artificielle|le dispositif de cybersurveillance 17Cyber",
    codes: 'des postes et des communications électroniques|des relations entre le public et l’administration',
  }),
  T({
    rubrique: 'justice',
    ministries: 'justice|interieur',
    tetes: 'Tribunaux|Détenus|Aide juridictionnelle|Magistrats|Mineurs|Victimes|Greffiers',
    subjects:
      'les délais de jugement|la surpopulation carcérale|le montant de l’aide juridictionnelle|le manque de greffiers|' +
      "la justice des mineurs|l'accompagnement des victimes|l'exécution des peines|la carte judiciaire",
    publics: 'les justiciables|les magistrats|les greffiers|les avocats|les victimes|les agents pénitentiaires',
    terms:
      "les juridictions|l'aide juridictionnelle|les établissements pénitentiaires|la détention provisoire|" +
      "les peines alternatives|le bracelet électronique|la procédure pénale|les tribunaux judiciaires|les cours d'appel|" +
      "la médiation|les conseils de prud'hommes|le travail d'intérêt général|les maisons de justice et du droit|" +
      "le juge des enfants|l'exécution provisoire",
    measures:
      "la loi d'orientation et de programmation du ministère de la justice|le plan 15 000 places de prison|" +
      "le code de la justice pénale des mineurs|les états généraux de la justice",
    codes: 'de procédure pénale|pénal|civil|de l’organisation judiciaire',
  }),
  T({
    rubrique: 'logement',
    ministries: 'logement|ecologie|economie',
    tetes: 'Logement social|Rénovation énergétique|Loyers|Hébergement d’urgence|Copropriétés|Diagnostic de performance énergétique',
    subjects:
      'la crise du logement|la rénovation énergétique des logements|le diagnostic de performance énergétique|' +
      "l'accès au logement social|la situation des copropriétés dégradées|l'hébergement d'urgence|" +
      'l’encadrement des loyers|les passoires thermiques',
    publics: 'les locataires|les propriétaires bailleurs|les ménages modestes|les bailleurs sociaux|les étudiants|les sans-abri',
    terms:
      "le diagnostic de performance énergétique|les aides personnelles au logement|les logements vacants|" +
      "les meublés de tourisme|l'accession à la propriété|le prêt à taux zéro|les logements sociaux|" +
      "la réduction de loyer de solidarité|les travaux de rénovation|l'habitat indigne|les expulsions locatives|" +
      "la garantie Visale|le zéro artificialisation nette|les permis de construire",
    measures:
      "MaPrimeRénov'|le plan Logement d'abord|le prêt à taux zéro|le dispositif Loc'Avantages|" +
      "l'Agence nationale de l'habitat|le plan Initiative copropriétés",
    codes: 'de la construction et de l’habitation|de l’urbanisme',
  }),
  T({
    rubrique: 'transports ferroviaires',
    ministries: 'transports|ecologie',
    tetes: 'SNCF|Lignes|Petites lignes|Tarifs|Fret ferroviaire|Trains de nuit|Gares',
    subjects:
      'la dégradation de la desserte ferroviaire|l’avenir des petites lignes ferroviaires|le développement du fret ferroviaire|' +
      'le prix des billets de train|la fermeture des guichets en gare|la relance des trains de nuit|les retards sur les lignes régionales',
    publics: 'les usagers du train|les voyageurs du quotidien|les cheminots|les élus régionaux|les chargeurs',
    terms:
      "les trains express régionaux|les lignes de desserte fine du territoire|le réseau ferré|l'ouverture à la concurrence|" +
      "les contrats de plan État-région|les péages ferroviaires|la régénération du réseau|les trains d'équilibre du territoire|" +
      "la ligne à grande vitesse|les dessertes|le matériel roulant|les passages à niveau",
    measures:
      "le plan d'avenir pour les transports|le pacte ferroviaire|le plan de relance du fret ferroviaire|le pass rail",
    codes: 'des transports',
  }),
  T({
    rubrique: 'voirie',
    ministries: 'transports|territoires|interieur',
    tetes: 'Routes nationales|Ponts|Entretien|Autoroutes|Péages|Contournements',
    subjects:
      "l'état des ponts communaux|l'entretien des routes nationales|le financement des travaux de voirie|" +
      'la hausse des tarifs des péages autoroutiers|le projet de contournement routier|la sécurité des ouvrages d’art',
    publics: 'les automobilistes|les communes rurales|les transporteurs|les riverains',
    terms:
      "les ouvrages d'art|le réseau routier national|les sociétés concessionnaires d'autoroutes|les tarifs des péages|" +
      "la voirie communale|les routes départementales|la signalisation|les nids-de-poule|les ronds-points|" +
      "les déviations|les poids lourds",
    measures: 'le programme national Ponts|les contrats de plan État-région|le fonds vert',
    codes: 'de la voirie routière|général des collectivités territoriales',
  }),
  T({
    rubrique: 'impôts et taxes',
    ministries: 'comptes|economie',
    tetes: 'Taxe foncière|Impôt sur le revenu|TVA|Niches fiscales|Successions|Taxe d’habitation|Fraude fiscale',
    subjects:
      "l'augmentation de la taxe foncière|la fiscalité des successions|le taux de TVA applicable aux travaux|" +
      'la lutte contre la fraude fiscale|la taxe d’habitation sur les résidences secondaires|la fiscalité des pensions alimentaires|' +
      "l'imposition des indemnités journalières|le prélèvement à la source",
    publics: 'les contribuables|les propriétaires|les héritiers|les artisans|les ménages des classes moyennes|les petites entreprises',
    terms:
      "la taxe foncière sur les propriétés bâties|les droits de mutation à titre gratuit|le crédit d'impôt|" +
      "le taux réduit de taxe sur la valeur ajoutée|les valeurs locatives cadastrales|la déclaration de revenus|" +
      "l'abattement|le quotient familial|les niches fiscales|la cotisation foncière des entreprises|le barème|" +
      "les contrôles fiscaux|la taxe sur les logements vacants|la contribution sociale généralisée",
    measures:
      "la loi de finances pour l'année en cours|le crédit d'impôt pour l'emploi d'un salarié à domicile|" +
      "le plan de lutte contre toutes les fraudes aux finances publiques|la révision des valeurs locatives",
    codes: 'général des impôts|des impositions sur les biens et services',
  }),
  T({
    rubrique: 'collectivités territoriales',
    ministries: 'territoires|interieur|comptes',
    tetes: 'Dotations|Élus locaux|Intercommunalités|Finances locales|Communes nouvelles|Statut de l’élu',
    subjects:
      "la baisse des dotations aux communes|le statut de l'élu local|les difficultés financières des petites communes|" +
      'la répartition des compétences entre communes et intercommunalités|la démission de nombreux maires|la création de communes nouvelles',
    publics: 'les maires|les élus locaux|les petites communes|les intercommunalités|les secrétaires de mairie',
    terms:
      "la dotation globale de fonctionnement|la dotation d'équipement des territoires ruraux|les charges de centralité|" +
      "les compétences eau et assainissement|la péréquation|les indemnités des élus|la responsabilité pénale des maires|" +
      "le transfert de compétences|les syndicats intercommunaux|la dotation de solidarité rurale|" +
      "les investissements locaux|le fonds de compensation pour la taxe sur la valeur ajoutée",
    measures: 'le fonds vert|la dotation de soutien à l’investissement local|le programme Petites villes de demain|Villages d’avenir',
    codes: 'général des collectivités territoriales',
  }),
  T({
    rubrique: 'énergie et carburants',
    ministries: 'industrie|ecologie|economie',
    tetes: 'Prix de l’électricité|Carburants|Éoliennes|Photovoltaïque|Nucléaire|Chauffage|Hydrogène',
    subjects:
      "la hausse du prix de l'électricité|le prix des carburants|l'implantation d'éoliennes|le développement du photovoltaïque sur les toitures|" +
      'la relance du nucléaire|le chèque énergie|la fin des chaudières au fioul|les tarifs réglementés de vente de l’électricité',
    publics: 'les consommateurs|les ménages précaires|les boulangers|les collectivités|les industriels électro-intensifs|les riverains des parcs éoliens',
    terms:
      "les tarifs réglementés|le chèque énergie|l'accès régulé à l'électricité nucléaire historique|les énergies renouvelables|" +
      "les parcs éoliens|la méthanisation|le bouclier tarifaire|les factures d'énergie|la précarité énergétique|" +
      "les réseaux de chaleur|les bornes de recharge|le biocarburant|les certificats d'économies d'énergie|l'autoconsommation",
    measures:
      "le bouclier tarifaire|le chèque énergie|la programmation pluriannuelle de l'énergie|" +
      "la loi relative à l'accélération de la production d'énergies renouvelables|le fonds chaleur",
    codes: "de l'énergie|de l’environnement",
  }),
  T({
    rubrique: 'environnement',
    ministries: 'ecologie|agriculture',
    tetes: 'Biodiversité|Déchets|Pollution|Climat|Zones humides|Plastiques|Qualité de l’air',
    subjects:
      "la protection de la biodiversité|la gestion des déchets ménagers|la pollution de l'air|l'adaptation au changement climatique|" +
      "la préservation des zones humides|l'interdiction des plastiques à usage unique|la pollution lumineuse|la lutte contre les espèces invasives",
    publics: 'les associations environnementales|les riverains|les collectivités|les entreprises|les habitants',
    terms:
      "la responsabilité élargie des producteurs|le tri à la source|les biodéchets|les dépôts sauvages|la qualité de l'air|" +
      "les particules fines|les aires protégées|les espèces protégées|le frelon asiatique|la trame verte et bleue|" +
      "les émissions de gaz à effet de serre|l'économie circulaire|la consigne des bouteilles|les néonicotinoïdes|" +
      "les polluants éternels|l'artificialisation des sols",
    measures:
      "la loi relative à la lutte contre le gaspillage et à l'économie circulaire|la stratégie nationale biodiversité|" +
      "le plan national d'adaptation au changement climatique|le fonds vert|la planification écologique",
    codes: "de l'environnement",
  }),
  T({
    rubrique: 'eau et assainissement',
    ministries: 'ecologie|territoires|agriculture',
    tetes: 'Eau potable|Assainissement|Sécheresse|Tarification|Agences de l’eau|Nappes phréatiques',
    subjects:
      "la gestion de la ressource en eau en période de sécheresse|le transfert de la compétence eau et assainissement|" +
      'le prix de l’eau|la qualité de l’eau potable|les restrictions d’usage de l’eau|le financement des agences de l’eau',
    publics: 'les usagers|les communes rurales|les agriculteurs irrigants|les syndicats des eaux',
    terms:
      "les nappes phréatiques|les arrêtés sécheresse|les réseaux d'eau potable|les fuites|les stations d'épuration|" +
      "l'assainissement non collectif|les redevances|les métabolites de pesticides|la tarification sociale|" +
      "la réutilisation des eaux usées traitées|les périmètres de captage",
    measures: 'le plan eau|les programmes d’intervention des agences de l’eau|les schémas d’aménagement et de gestion des eaux',
    codes: "de l'environnement|général des collectivités territoriales|de la santé publique",
  }),
  T({
    rubrique: 'établissements de santé',
    ministries: 'sante|comptes',
    tetes: 'Hôpitaux|Urgences|Maternités|Personnel|Financement|Psychiatrie',
    subjects:
      "la fermeture des services d'urgences la nuit|la situation financière des hôpitaux publics|la fermeture des maternités de proximité|" +
      'le manque de lits en psychiatrie|les conditions de travail des soignants hospitaliers|le recours à l’intérim médical',
    publics: 'les soignants|les patients|les infirmiers|les directeurs d’hôpital|les médecins hospitaliers',
    terms:
      "les services d'urgences|les groupements hospitaliers de territoire|la tarification à l'activité|" +
      "l'objectif national de dépenses d'assurance maladie|l'intérim médical|les maternités|les lits d'hospitalisation|" +
      "la régulation médicale|le service d'accès aux soins|les établissements d'hébergement pour personnes âgées dépendantes|" +
      "les hôpitaux de proximité|les cliniques privées",
    measures: 'le Ségur de la santé|le service d’accès aux soins|le plan d’investissement hospitalier|le fonds d’intervention régional',
    codes: 'de la santé publique|de la sécurité sociale',
  }),
  T({
    rubrique: 'professions de santé',
    ministries: 'sante|enssup',
    tetes: 'Médecins|Infirmiers|Pharmaciens|Kinésithérapeutes|Sages-femmes|Dentistes|Orthophonistes',
    subjects:
      "la démographie médicale|la rémunération des infirmiers libéraux|l'installation des jeunes médecins|la reconnaissance des sages-femmes|" +
      "l'accès direct aux kinésithérapeutes|la pénurie d'orthophonistes|la formation des médecins étrangers",
    publics: 'les médecins généralistes|les infirmiers libéraux|les internes|les sages-femmes|les orthophonistes|les praticiens diplômés hors Union européenne',
    terms:
      "le numerus apertus|la quatrième année d'internat de médecine générale|les assistants médicaux|la pratique avancée|" +
      "la convention médicale|les actes infirmiers|la délégation de tâches|la permanence des soins ambulatoires|" +
      "les zones sous-denses|les aides à l'installation|les contrats d'engagement de service public",
    measures: 'la convention médicale|le contrat d’engagement de service public|les assistants médicaux|le plan de lutte contre les déserts médicaux',
    codes: 'de la santé publique',
  }),
  T({
    rubrique: 'personnes handicapées',
    ministries: 'handicap|solidarites|education',
    tetes: 'Allocation aux adultes handicapés|Accessibilité|Maisons départementales|Autisme|Emploi|Aidants',
    subjects:
      "le montant de l'allocation aux adultes handicapés|l'accessibilité des bâtiments publics|les délais de traitement des maisons départementales des personnes handicapées|" +
      "la prise en charge de l'autisme|l'emploi des personnes en situation de handicap|la reconnaissance des proches aidants",
    publics: 'les personnes en situation de handicap|les familles|les aidants|les associations gestionnaires|les travailleurs handicapés',
    terms:
      "l'allocation aux adultes handicapés|la prestation de compensation du handicap|les maisons départementales des personnes handicapées|" +
      "les établissements et services d'aide par le travail|l'accessibilité|les places en institut médico-éducatif|" +
      "la déconjugalisation|le congé de proche aidant|les départs en Belgique|les troubles du neurodéveloppement",
    measures: 'la stratégie nationale autisme et troubles du neurodéveloppement|le plan 50 000 solutions|la conférence nationale du handicap',
    codes: "de l'action sociale et des familles|de la sécurité sociale",
  }),
  T({
    rubrique: 'famille',
    ministries: 'famille|solidarites|travail',
    tetes: 'Allocations familiales|Garde d’enfants|Congé parental|Protection de l’enfance|Pensions alimentaires',
    subjects:
      "le manque de places en crèche|la réforme du congé parental|la situation de l'aide sociale à l'enfance|le recouvrement des pensions alimentaires|" +
      'la revalorisation des allocations familiales|la situation des familles monoparentales',
    publics: 'les familles|les parents isolés|les assistantes maternelles|les enfants placés|les professionnels de la petite enfance',
    terms:
      "les établissements d'accueil du jeune enfant|les assistantes maternelles|le complément de libre choix du mode de garde|" +
      "l'aide sociale à l'enfance|les allocations familiales|le congé de naissance|les familles monoparentales|" +
      "les caisses d'allocations familiales|l'allocation de soutien familial",
    measures: 'le service public de la petite enfance|l’agence de recouvrement des impayés de pensions alimentaires|la stratégie de prévention et de protection de l’enfance',
    codes: "de l'action sociale et des familles|civil",
  }),
  T({
    rubrique: 'emploi et activité',
    ministries: 'travail|economie',
    tetes: 'Apprentissage|Insertion|France Travail|Formation professionnelle|Saisonniers|Emploi des seniors',
    subjects:
      "le financement de l'apprentissage|l'emploi des seniors|les difficultés de recrutement dans l'hôtellerie-restauration|" +
      "l'insertion par l'activité économique|le compte personnel de formation|la situation des travailleurs saisonniers",
    publics: 'les demandeurs d’emploi|les apprentis|les seniors|les entreprises|les salariés|les structures d’insertion',
    terms:
      "l'apprentissage|les centres de formation d'apprentis|le compte personnel de formation|les structures d'insertion par l'activité économique|" +
      "les métiers en tension|l'aide à l'embauche|les contrats aidés|le plein emploi|la validation des acquis de l'expérience|" +
      "les missions locales|le contrat d'engagement jeune",
    measures: 'le contrat d’engagement jeune|la réforme de France Travail|l’aide exceptionnelle à l’embauche d’apprentis|le plan d’investissement dans les compétences',
    codes: 'du travail',
  }),
  T({
    rubrique: 'chômage : indemnisation',
    ministries: 'travail',
    tetes: 'Allocations|Conditions d’attribution|Intermittents|Réforme',
    subjects:
      "la réforme de l'assurance chômage|l'indemnisation des intermittents du spectacle|la durée d'indemnisation des demandeurs d'emploi|" +
      'la situation des travailleurs frontaliers au chômage',
    publics: 'les demandeurs d’emploi|les intermittents|les travailleurs frontaliers|les allocataires',
    terms:
      "l'allocation d'aide au retour à l'emploi|le salaire journalier de référence|la contracyclicité|les droits rechargeables|" +
      "le régime des intermittents|la dégressivité|l'Unédic|les conventions d'assurance chômage",
    measures: 'la réforme de l’assurance chômage|la convention d’assurance chômage|le bonus-malus sur les contrats courts',
    codes: 'du travail',
  }),
  T({
    rubrique: 'entreprises',
    ministries: 'economie|pme|industrie',
    tetes: 'PME|Délais de paiement|Défaillances|Transmission|Simplification|Trésorerie',
    subjects:
      "la hausse des défaillances d'entreprises|les délais de paiement|la transmission des petites entreprises|" +
      "la simplification administrative pour les entreprises|le remboursement des prêts garantis par l'État|la réindustrialisation",
    publics: 'les chefs d’entreprise|les petites et moyennes entreprises|les artisans|les indépendants|les sous-traitants',
    terms:
      "les prêts garantis par l'État|la trésorerie|les délais de paiement|les procédures collectives|la commande publique|" +
      "les normes|la transmission d'entreprise|les zones industrielles|l'accès au crédit|les charges sociales",
    measures: 'le plan France 2030|le plan de simplification|Bpifrance|le médiateur des entreprises',
    codes: 'de commerce|de la commande publique',
  }),
  T({
    rubrique: 'commerce et artisanat',
    ministries: 'pme|economie',
    tetes: 'Boulangers|Commerce de proximité|Centres-villes|Artisans|Soldes|Commerce en ligne',
    subjects:
      'la dévitalisation des centres-villes|la situation des boulangers face à la hausse des coûts|la concurrence du commerce en ligne|' +
      "l'avenir des métiers d'art|les loyers commerciaux",
    publics: 'les commerçants|les artisans|les boulangers|les commerces de proximité|les métiers d’art',
    terms:
      "les baux commerciaux|les zones commerciales|le commerce en ligne|les chambres de métiers et de l'artisanat|" +
      "les vitrines vacantes|les foncières de redynamisation|le statut d'auto-entrepreneur|les fonds de commerce",
    measures: 'le programme Action cœur de ville|le plan de soutien au commerce de proximité|les foncières de redynamisation',
    codes: 'de commerce|de l’artisanat',
  }),
  T({
    rubrique: 'culture',
    ministries: 'culture|education',
    tetes: 'Patrimoine|Spectacle vivant|Bibliothèques|Musées|Cinéma|Pass Culture|Archéologie',
    subjects:
      "la préservation du patrimoine religieux|le financement du spectacle vivant|l'avenir du pass Culture|" +
      "l'accès à la culture en milieu rural|la situation des artistes-auteurs|la restauration des monuments historiques",
    publics: 'les artistes|les compagnies|les communes propriétaires d’églises|les bibliothécaires|les jeunes',
    terms:
      "les monuments historiques|le patrimoine non protégé|les festivals|les scènes nationales|les droits d'auteur|" +
      "l'éducation artistique et culturelle|les salles de cinéma|les fouilles préventives|les bibliothèques|" +
      "le loto du patrimoine|les artistes-auteurs",
    measures: 'le pass Culture|le loto du patrimoine|le plan Mieux produire, mieux diffuser|le fonds incitatif et partenarial',
    codes: 'du patrimoine|de la propriété intellectuelle',
  }),
  T({
    rubrique: 'sports',
    ministries: 'sports|education',
    tetes: 'Équipements sportifs|Associations sportives|Sport-santé|Violences dans le sport|Piscines',
    subjects:
      "l'état des équipements sportifs|la fermeture des piscines municipales|le financement des clubs amateurs|" +
      "la lutte contre les violences dans le sport|l'héritage des Jeux olympiques et paralympiques|le sport sur ordonnance",
    publics: 'les clubs sportifs|les bénévoles|les licenciés|les collectivités|les jeunes sportifs',
    terms:
      "les équipements sportifs|les piscines|le pass'Sport|l'Agence nationale du sport|le sport-santé|" +
      "les fédérations|le bénévolat|l'apprentissage de la natation|les maisons sport-santé|les éducateurs sportifs",
    measures: 'le pass’Sport|le plan 5 000 équipements|le plan Aisance aquatique|l’Agence nationale du sport',
    codes: 'du sport',
  }),
  T({
    rubrique: 'enseignement supérieur',
    ministries: 'enssup',
    tetes: 'Étudiants|Bourses|Parcoursup|Universités|Logement étudiant|Précarité',
    subjects:
      'la précarité étudiante|le fonctionnement de Parcoursup|le montant des bourses sur critères sociaux|' +
      "l'accès au master|la situation financière des universités|le logement des étudiants",
    publics: 'les étudiants|les universités|les enseignants-chercheurs|les étudiants boursiers|les lycéens',
    terms:
      "les bourses sur critères sociaux|les résidences universitaires|le repas à un euro|les frais d'inscription|" +
      "la plateforme Parcoursup|les masters|les centres régionaux des œuvres universitaires et scolaires|" +
      "la santé mentale des étudiants|les formations sélectives",
    measures: 'la réforme des bourses|le repas à un euro|la plateforme Mon Master|la loi de programmation de la recherche',
    codes: "de l'éducation",
  }),
  T({
    rubrique: 'recherche',
    ministries: 'enssup|industrie',
    tetes: 'Financement|Chercheurs|Crédit d’impôt recherche|Organismes',
    subjects:
      'le financement de la recherche publique|l’attractivité des carrières scientifiques|l’efficacité du crédit d’impôt recherche|la recherche sur les maladies rares',
    publics: 'les chercheurs|les doctorants|les laboratoires|les organismes de recherche',
    terms:
      "le crédit d'impôt recherche|l'Agence nationale de la recherche|les appels à projets|les contrats doctoraux|" +
      "la précarité des chercheurs|la valorisation de la recherche|les laboratoires",
    measures: 'la loi de programmation de la recherche|le plan France 2030|les programmes et équipements prioritaires de recherche',
    codes: 'de la recherche',
  }),
  T({
    rubrique: 'défense',
    ministries: 'armees|memoire',
    tetes: 'Militaires|Réserve|Industrie de défense|Bases|Service national universel',
    subjects:
      'la fidélisation des militaires|le développement de la réserve opérationnelle|le soutien à la base industrielle et technologique de défense|' +
      "l'avenir du service national universel|le logement des militaires",
    publics: 'les militaires|les réservistes|les familles de militaires|les entreprises de défense',
    terms:
      "la loi de programmation militaire|la réserve opérationnelle|les munitions|les bases de défense|" +
      "la condition militaire|le service national universel|les exportations d'armement|la garde nationale",
    measures: 'la loi de programmation militaire 2024-2030|le plan Famille|le service national universel',
    codes: 'de la défense',
  }),
  T({
    rubrique: 'anciens combattants et victimes de guerre',
    ministries: 'memoire|armees',
    tetes: 'Carte du combattant|Harkis|Pupilles de la nation|Demi-part fiscale|Mémoire',
    subjects:
      "l'attribution de la carte du combattant|la reconnaissance des harkis|la demi-part fiscale des veuves d'anciens combattants|" +
      'la situation des pupilles de la nation|la transmission de la mémoire combattante',
    publics: 'les anciens combattants|les veuves d’anciens combattants|les harkis et leurs familles|les pupilles de la nation',
    terms:
      "la carte du combattant|la retraite du combattant|la demi-part fiscale|l'Office national des combattants et des victimes de guerre|" +
      "les opérations extérieures|la commission nationale de reconnaissance et de réparation|les cérémonies commémoratives",
    measures: 'la loi portant reconnaissance de la Nation envers les harkis|la retraite du combattant|l’Office national des combattants et des victimes de guerre',
    codes: 'des pensions militaires d’invalidité et des victimes de guerre',
  }),
  T({
    rubrique: 'étrangers',
    ministries: 'interieur|etranger',
    tetes: 'Titres de séjour|Visas|Demandeurs d’asile|Naturalisation|Mineurs non accompagnés|Éloignement',
    subjects:
      'les délais de délivrance des titres de séjour|la prise de rendez-vous en préfecture|l’hébergement des demandeurs d’asile|' +
      "l'accueil des mineurs non accompagnés|l'exécution des obligations de quitter le territoire français|les délais de naturalisation",
    publics: 'les ressortissants étrangers|les demandeurs d’asile|les mineurs non accompagnés|les agents des préfectures|les employeurs',
    terms:
      "les titres de séjour|les obligations de quitter le territoire français|les centres de rétention administrative|" +
      "l'Office français de protection des réfugiés et apatrides|les visas|la naturalisation|l'administration numérique pour les étrangers en France|" +
      "le contrat d'intégration républicaine|les laissez-passer consulaires",
    measures: 'la loi pour contrôler l’immigration, améliorer l’intégration|l’administration numérique pour les étrangers en France|le contrat d’intégration républicaine',
    codes: "de l'entrée et du séjour des étrangers et du droit d'asile",
  }),
  T({
    rubrique: 'police',
    ministries: 'interieur',
    tetes: 'Effectifs|Commissariats|Polices municipales|Gendarmerie|Conditions de travail',
    subjects:
      'les effectifs de police dans les communes|la fermeture de brigades de gendarmerie|les moyens des polices municipales|' +
      'les conditions de travail des policiers|la lutte contre le trafic de stupéfiants|les rodéos urbains',
    publics: 'les policiers|les gendarmes|les policiers municipaux|les habitants|les commerçants',
    terms:
      "les brigades de gendarmerie|les commissariats|la vidéoprotection|les polices municipales|le trafic de stupéfiants|" +
      "les rodéos motorisés|les amendes forfaitaires délictuelles|la présence sur la voie publique|les heures supplémentaires|" +
      "les contrôles d'identité|les cambriolages",
    measures: 'la loi d’orientation et de programmation du ministère de l’intérieur|le plan 200 brigades|le fonds interministériel de prévention de la délinquance',
    codes: 'de la sécurité intérieure|pénal',
  }),
  T({
    rubrique: 'sécurité routière',
    ministries: 'interieur|transports',
    tetes: 'Radars|Permis de conduire|Vitesse|Trottinettes|Alcoolémie',
    subjects:
      "les délais d'obtention du permis de conduire|l'abaissement de la vitesse à 80 km/h|la sécurité des usagers de trottinettes|" +
      "l'implantation des radars|la lutte contre l'alcool au volant",
    publics: 'les candidats au permis|les automobilistes|les motards|les cyclistes|les auto-écoles',
    terms:
      "les radars automatiques|les examinateurs du permis de conduire|les auto-écoles|la limitation de vitesse|" +
      "les engins de déplacement personnel motorisés|le permis à points|les dépistages|les éthylotests antidémarrage",
    measures: 'le comité interministériel de la sécurité routière|le permis à un euro par jour|le plan vélo',
    codes: 'de la route',
  }),
  T({
    rubrique: 'télécommunications',
    ministries: 'numerique|economie',
    tetes: 'Téléphonie mobile|Internet|Démarchage téléphonique|Réseau cuivre',
    subjects:
      'la fermeture du réseau cuivre|le démarchage téléphonique abusif|la qualité du réseau mobile|la dégradation des lignes téléphoniques fixes',
    publics: 'les abonnés|les personnes âgées|les habitants des zones rurales|les entreprises',
    terms:
      "le réseau cuivre|le démarchage téléphonique|le service universel|les pylônes|les antennes-relais|" +
      "la liste d'opposition Bloctel|les pannes|les opérateurs",
    measures: 'le New Deal mobile|la liste d’opposition Bloctel|le plan de fermeture du réseau cuivre',
    codes: 'des postes et des communications électroniques|de la consommation',
  }),
  T({
    rubrique: 'tourisme et loisirs',
    ministries: 'tourisme|economie',
    tetes: 'Meublés de tourisme|Stations de montagne|Campings|Tourisme rural',
    subjects:
      "la régulation des meublés de tourisme|l'avenir des stations de ski de moyenne montagne|la situation des campings|le développement du tourisme rural",
    publics: 'les professionnels du tourisme|les hôteliers|les loueurs de meublés|les stations',
    terms:
      "les meublés de tourisme|la taxe de séjour|les stations de sports d'hiver|l'hôtellerie de plein air|" +
      "les chèques-vacances|les offices de tourisme|la saisonnalité",
    measures: 'le plan Destination France|le plan Avenir montagnes|les chèques-vacances',
    codes: 'du tourisme',
  }),
  T({
    rubrique: 'animaux',
    ministries: 'agriculture|ecologie',
    tetes: 'Bien-être animal|Abandons|Loups|Vétérinaires|Chiens dangereux',
    subjects:
      "l'abandon des animaux de compagnie|la présence du loup dans les zones d'élevage|le manque de vétérinaires ruraux|" +
      "le bien-être animal dans les abattoirs|la stérilisation des chats errants",
    publics: 'les refuges|les éleveurs|les vétérinaires|les associations de protection animale',
    terms:
      "les fourrières|l'identification des animaux|les chats errants|le plan loup|les abattoirs|les vétérinaires ruraux|" +
      "les tirs de prélèvement|la maltraitance animale",
    measures: 'le plan national d’actions sur le loup|la loi visant à lutter contre la maltraitance animale|le fonds pour les refuges',
    codes: 'rural et de la pêche maritime|pénal',
  }),
  T({
    rubrique: 'chasse et pêche',
    ministries: 'ecologie|mer|agriculture',
    tetes: 'Chasse|Pêche de loisir|Sécurité à la chasse|Dégâts de gibier',
    subjects:
      'la sécurité lors des parties de chasse|l’indemnisation des dégâts de gibier|la régulation des sangliers|la pêche de loisir en eau douce',
    publics: 'les chasseurs|les pêcheurs|les agriculteurs|les promeneurs',
    terms:
      "les dégâts de gibier|les fédérations départementales des chasseurs|le permis de chasser|les sangliers|" +
      "les espèces chassables|les cours d'eau|les continuités écologiques",
    measures: 'le plan sécurité à la chasse|le fonds d’indemnisation des dégâts de grand gibier',
    codes: "de l'environnement",
  }),
  T({
    rubrique: 'mer et littoral',
    ministries: 'mer|ecologie',
    tetes: 'Pêche|Érosion du littoral|Ports|Aquaculture|Éoliennes en mer',
    subjects:
      "l'érosion du trait de côte|l'avenir de la pêche artisanale|l'implantation d'éoliennes en mer|la situation des ports de pêche|" +
      'la qualité des eaux conchylicoles',
    publics: 'les pêcheurs|les conchyliculteurs|les communes littorales|les marins',
    terms:
      "le trait de côte|les quotas de pêche|les ports|la conchyliculture|les aires marines protégées|" +
      "le fonds européen pour les affaires maritimes, la pêche et l'aquaculture|les navires|les zones de mouillage",
    measures: 'le plan d’accompagnement individuel des pêcheurs|le fonds européen pour les affaires maritimes|la stratégie nationale pour la mer et le littoral',
    codes: "de l'environnement|des transports",
  }),
  T({
    rubrique: 'pharmacie et médicaments',
    ministries: 'sante',
    tetes: 'Pénuries|Pharmacies|Prix|Génériques|Médicaments',
    subjects:
      "les pénuries de médicaments|la fermeture des pharmacies rurales|le prix des médicaments innovants|" +
      "la relocalisation de la production de médicaments|le déremboursement de certains traitements",
    publics: 'les pharmaciens|les patients|les industriels du médicament|les officines rurales',
    terms:
      "les ruptures d'approvisionnement|les officines|les médicaments génériques|la franchise médicale|" +
      "le remboursement|l'Agence nationale de sécurité du médicament|les principes actifs|les stocks de sécurité",
    measures: 'la feuille de route pénuries de médicaments|le plan de relocalisation des médicaments essentiels|la liste des médicaments essentiels',
    codes: 'de la santé publique|de la sécurité sociale',
  }),
  T({
    rubrique: 'fonction publique',
    ministries: 'fonctionpublique|comptes',
    tetes: 'Rémunérations|Point d’indice|Recrutement|Contractuels|Télétravail',
    subjects:
      "le gel du point d'indice|l'attractivité de la fonction publique|la situation des agents contractuels|" +
      "le jour de carence|le télétravail des agents publics",
    publics: 'les fonctionnaires|les agents publics|les contractuels|les agents territoriaux',
    terms:
      "le point d'indice|la grille indiciaire|le jour de carence|les concours|la protection sociale complémentaire|" +
      "la garantie individuelle du pouvoir d'achat|les primes|la titularisation",
    measures: 'le rendez-vous salarial|la réforme de la protection sociale complémentaire|le plan de titularisation',
    codes: 'général de la fonction publique',
  }),
  T({
    rubrique: 'associations et fondations',
    ministries: 'sports|comptes',
    tetes: 'Bénévolat|Subventions|Financement|Vie associative',
    subjects:
      'le financement des associations|la reconnaissance du bénévolat|la baisse des subventions aux associations|la simplification des démarches des associations',
    publics: 'les associations|les bénévoles|les dirigeants associatifs',
    terms:
      "le fonds pour le développement de la vie associative|le compte d'engagement citoyen|les subventions|" +
      "le mécénat|la réduction d'impôt pour les dons|le contrat d'engagement républicain",
    measures: 'le fonds pour le développement de la vie associative|le compte d’engagement citoyen|le plan de soutien à la vie associative',
    codes: 'général des impôts',
  }),
  T({
    rubrique: 'aménagement du territoire',
    ministries: 'territoires|ruralite|ecologie',
    tetes: 'Ruralité|Services publics|France Services|Zones de revitalisation rurale|Urbanisme',
    subjects:
      "la disparition des services publics en milieu rural|le zonage France Ruralités Revitalisation|l'application du zéro artificialisation nette|" +
      'le maillage des maisons France Services|la revitalisation des petites villes',
    publics: 'les habitants des territoires ruraux|les maires ruraux|les petites villes|les entreprises rurales',
    terms:
      "les maisons France Services|les zones de revitalisation rurale|l'artificialisation des sols|les documents d'urbanisme|" +
      "les bureaux de poste|l'agenda rural|la cohésion territoriale",
    measures: 'le programme France Ruralités|le réseau France Services|l’Agence nationale de la cohésion des territoires|Villages d’avenir',
    codes: "de l'urbanisme|général des collectivités territoriales",
  }),
  T({
    rubrique: 'consommation',
    ministries: 'consommation|economie',
    tetes: 'Prix alimentaires|Démarchage|Étiquetage|Arnaques|Obsolescence',
    subjects:
      "la hausse des prix alimentaires|l'étiquetage de l'origine des produits|la lutte contre les arnaques en ligne|la réduction de la taille des produits à prix constant",
    publics: 'les consommateurs|les associations de consommateurs|les producteurs|les distributeurs',
    terms:
      "la shrinkflation|l'étiquetage|la répression des fraudes|les pratiques commerciales trompeuses|" +
      "les marges de la grande distribution|l'indice de réparabilité|la garantie légale de conformité",
    measures: 'le panier anti-inflation|l’indice de réparabilité|la direction générale de la concurrence, de la consommation et de la répression des fraudes',
    codes: 'de la consommation',
  }),
  T({
    rubrique: 'politique extérieure',
    ministries: 'etranger|armees|economie',
    tetes: 'Coopération|Aide au développement|Réseau consulaire|Droits de l’homme|Afrique',
    subjects:
      "l'évolution de l'aide publique au développement|la situation des Français de l'étranger|la fermeture de consulats|" +
      "la défense des droits de l'homme|la coopération avec les pays du Sahel",
    publics: 'les Français établis hors de France|les organisations non gouvernementales|les diplomates|les partenaires étrangers',
    terms:
      "l'aide publique au développement|le réseau consulaire|les visas|les lycées français à l'étranger|" +
      "l'Agence française de développement|les bourses scolaires|les sanctions internationales",
    measures: 'la loi de programmation relative au développement solidaire|le réseau de l’Agence pour l’enseignement français à l’étranger',
    codes: 'de l’entrée et du séjour des étrangers et du droit d’asile',
  }),
  T({
    rubrique: 'égalité des sexes et parité',
    ministries: 'egalite|justice|travail',
    tetes: 'Violences conjugales|Égalité salariale|Parité|Harcèlement',
    subjects:
      'la lutte contre les violences conjugales|les écarts de rémunération entre les femmes et les hommes|' +
      "l'hébergement des femmes victimes de violences|la parité dans les exécutifs locaux",
    publics: 'les femmes victimes de violences|les associations|les salariées|les élues',
    terms:
      "les ordonnances de protection|le bracelet anti-rapprochement|le téléphone grave danger|l'index de l'égalité professionnelle|" +
      "les places d'hébergement|l'aide universelle d'urgence|le harcèlement de rue",
    measures: 'le Grenelle des violences conjugales|l’aide universelle d’urgence|l’index de l’égalité professionnelle',
    codes: 'civil|pénal|du travail',
  }),
  T({
    rubrique: 'personnes âgées',
    ministries: 'solidarites|sante',
    tetes: 'Dépendance|Établissements|Aide à domicile|Maltraitance|Isolement',
    subjects:
      "le reste à charge en établissement d'hébergement pour personnes âgées dépendantes|la revalorisation des aides à domicile|" +
      "la lutte contre l'isolement des aînés|la prévention de la maltraitance en établissement",
    publics: 'les personnes âgées|les familles|les aides à domicile|les résidents d’établissements',
    terms:
      "l'allocation personnalisée d'autonomie|les services d'aide à domicile|les établissements d'hébergement pour personnes âgées dépendantes|" +
      "la cinquième branche de la sécurité sociale|l'habitat inclusif|les contrôles des établissements",
    measures: 'la loi portant mesures pour bâtir la société du bien vieillir|la cinquième branche autonomie|le plan anti-chute',
    codes: "de l'action sociale et des familles",
  }),
  T({
    rubrique: 'pauvreté',
    ministries: 'solidarites|travail',
    tetes: 'RSA|Aide alimentaire|Sans-abri|Précarité',
    subjects:
      "le financement de l'aide alimentaire|la réforme du revenu de solidarité active|la situation des personnes sans domicile|le non-recours aux droits sociaux",
    publics: 'les allocataires du RSA|les associations caritatives|les personnes sans domicile|les familles précaires',
    terms:
      "le revenu de solidarité active|l'aide alimentaire|le non-recours|la prime d'activité|les épiceries solidaires|" +
      "la domiciliation|les minima sociaux",
    measures: 'le pacte des solidarités|le fonds européen d’aide aux plus démunis|la solidarité à la source',
    codes: "de l'action sociale et des familles",
  }),
  T({
    rubrique: 'banques et établissements financiers',
    ministries: 'economie',
    tetes: 'Frais bancaires|Crédit immobilier|Distributeurs|Assurance emprunteur',
    subjects:
      'la disparition des distributeurs automatiques de billets|les frais bancaires|l’accès au crédit immobilier|le droit au compte',
    publics: 'les clients des banques|les emprunteurs|les personnes fragiles financièrement',
    terms:
      "les frais d'incidents bancaires|le taux d'usure|l'assurance emprunteur|les distributeurs automatiques de billets|" +
      "le droit au compte|le surendettement",
    measures: 'l’offre spécifique clientèle fragile|la loi Lemoine|le plan de lutte contre le surendettement',
    codes: 'monétaire et financier|de la consommation',
  }),
]);
