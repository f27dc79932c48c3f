/**
 * The vocabulary of the faker source's people and places. Plain lists: the generator picks
 * from them with its seeded sequence, so changing a list changes every seed's records.
 */

const list = (words: string): readonly string[] => words.split("|");

export const FIRST_NAMES = list(
  "Aaron|Abigail|Adele|Ahmed|Aiko|Alma|Amara|Anders|Anika|Arturo|Astrid|Beatriz|Benedict|Bianca|Bruno|Camille|" +
    "Carmen|Cedric|Chiara|Clement|Dalia|Damien|Dara|Desmond|Dmitri|Edith|Elias|Elif|Emeka|Esme|Fatima|Felix|" +
    "Fiona|Florian|Gemma|Gideon|Greta|Gustavo|Hana|Harvey|Hazel|Hugo|Ilse|Imani|Ingrid|Isaac|Ivana|Jasper|" +
    "Javier|Jonas|Josephine|Kai|Kamala|Keanu|Kenji|Lara|Leandro|Leila|Lena|Lionel|Lucia|Magnus|Maya|Mateo|" +
    "Mei|Milan|Miriam|Nadia|Nikolai|Nora|Odette|Olga|Omar|Otis|Paloma|Pavel|Petra|Quentin|Rafael|Rania|" +
    "Reuben|Rosa|Rowan|Sanjay|Selma|Soren|Sunita|Talia|Tariq|Tessa|Theo|Ulla|Valentin|Vera|Wanda|Wes|Ximena|" +
    "Yara|Yusuf|Zofia",
);

export const TITLES = list("Mr.|Mrs.|Ms.|Miss|Mx.|Dr.|Prof.|Sir|Madam|MSc|MBA|PhD|M.D.|B.Sc.|MMath|DPhil|M.Eng.");

export const GENDERS = list("Female|Male|Other|Fluid");

export const LANGUAGES = list(
  "Albanian|Amharic|Arabic|Armenian|Basque|Bengali|Bosnian|Bulgarian|Catalan|Croatian|Czech|Danish|Dutch|" +
    "English|Estonian|Finnish|French|Georgian|German|Greek|Gujarati|Hebrew|Hindi|Hungarian|Icelandic|" +
    "Indonesian|Irish|Italian|Japanese|Kazakh|Korean|Kyrgyz|Latvian|Lithuanian|Malay|Maltese|Mandarin|" +
    "Nepali|Norwegian|Persian|Polish|Portuguese|Punjabi|Romanian|Russian|Serbian|Slovak|Slovenian|Spanish|" +
    "Swahili|Swedish|Tamil|Telugu|Thai|Turkish|Ukrainian|Urdu|Vietnamese|Welsh|Yoruba",
);

export const ACADEMIC_DEGREES = list("Bachelor|Master|PhD");

export const NATIONALITIES = list(
  "Argentinian|Australian|Austrian|Belgian|Brazilian|British|Bulgarian|Canadian|Chilean|Chinese|Colombian|" +
    "Croatian|Czech|Danish|Dutch|Egyptian|Estonian|Ethiopian|Filipino|Finnish|French|German|Ghanaian|Greek|" +
    "Guatemalan|Hungarian|Icelandic|Indian|Indonesian|Irish|Israeli|Italian|Jamaican|Japanese|Jordanian|" +
    "Kenyan|Korean|Lebanese|Malaysian|Mexican|Moroccan|New Zealander|Nigerian|Norwegian|Pakistani|Peruvian|" +
    "Polish|Portuguese|Romanian|Russian|Senegalese|Serbian|Singaporean|Spanish|Swedish|Swiss|Thai|Tunisian|" +
    "Turkish|Ukrainian|Uruguayan|Vietnamese",
);

export const OCCUPATIONS = list(
  "Accountant|Actuary|Air Traffic Controller|Ambulance Driver|Architect|Archivist|Art Therapist|Astronomer|" +
    "Baker|Barista|Beekeeper|Bookbinder|Bricklayer|Carpenter|Cartographer|Chemist|Chef|Civil Engineer|" +
    "Clockmaker|Court Reporter|Dairy Farmer|Data Analyst|Dental Hygienist|Dietitian|Electrician|Event Planner|" +
    "Farrier|Film Editor|Firefighter|Florist|Forester|Geologist|Glassblower|Graphic Designer|Harbour Pilot|" +
    "Historian|Illustrator|Interpreter|Jeweller|Journalist|Landscaper|Librarian|Lighthouse Keeper|Locksmith|" +
    "Machinist|Marine Biologist|Midwife|Miner|Museum Curator|Nurse|Optician|Paramedic|Park Ranger|Pharmacist|" +
    "Photographer|Physiotherapist|Piano Tuner|Pilot|Plumber|Postal Worker|Potter|Printer|Radio Presenter|" +
    "Registrar|Roofer|Saddler|Sailmaker|Sculptor|Software Developer|Sommelier|Sound Engineer|Stonemason|" +
    "Surveyor|Tailor|Teacher|Tiler|Translator|Upholsterer|Urban Planner|Veterinarian|Watchmaker|Welder|" +
    "Winemaker|Zookeeper",
);

/** Mimesis (Airbyte's generator) writes the negative types with U+2212, not a hyphen. */
export const BLOOD_TYPES = list("O+|O\u2212|A+|A\u2212|B+|B\u2212|AB+|AB\u2212");

export const EMAIL_WORDS = list(
  "acorn|amber|anchor|arrow|atlas|aurora|badger|basil|beacon|birch|bramble|breeze|canyon|cedar|cinder|clover|" +
    "comet|coral|cosmos|cricket|dune|ember|falcon|fern|fjord|flint|galaxy|garnet|glacier|harbor|hazel|heron|" +
    "island|jasper|juniper|kestrel|lagoon|lantern|lark|maple|meadow|meteor|moss|nebula|nectar|oak|orbit|" +
    "otter|pebble|pine|prairie|quartz|raven|reef|river|saffron|sierra|sparrow|spruce|summit|thistle|tide|" +
    "tundra|valley|willow|wren|zephyr",
);

export const EMAIL_DOMAINS = list(
  "example.com|example.org|example.net|mail.test|inbox.test|post.test|letters.example|webmail.example",
);

/** `#` becomes a random digit. */
export const TELEPHONE_FORMATS = list(
  "+1-(###)-###-####|(###) ###-####|###-###-####|###.###.####|1-###-###-####|+1 ### ### ####",
);

export const STREET_NAMES = list(
  "Acacia|Alder|Ashford|Beech|Bellwood|Birchwood|Blossom|Briar|Brook|Canal|Castle|Chapel|Cherry|Church|" +
    "Cliff|Clover|Copper|Cottage|Crescent|Dale|Elm|Fairview|Fern|Forest|Garden|Glen|Granite|Harbor|Hawthorn|" +
    "Heather|Highland|Hill|Holly|Ivy|Juniper|Lake|Laurel|Linden|Maple|Meadow|Mill|Mulberry|Oak|Orchard|Park|" +
    "Pine|Poplar|Quarry|Ridge|River|Rose|Spring|Spruce|Station|Sycamore|Valley|Vine|Walnut|Willow|Windmill",
);

export const STREET_SUFFIXES = list("Street|Avenue|Road|Lane|Drive|Court|Place|Way|Terrace|Boulevard|Row|Close");

export const CITIES = list(
  "Ashbury|Bayport|Brookhaven|Cedar Falls|Clearwater|Cliffside|Eastwick|Elmstead|Fairhaven|Glenmoor|" +
    "Greenfield|Harborview|Highgate|Hollowell|Ironbridge|Kingsport|Lakewood|Littleton|Maple Grove|Marlow|" +
    "Meadowbrook|Millbrook|Northfield|Oakridge|Pinecrest|Portland|Quarry Bay|Ravensworth|Redcliff|Riverton|" +
    "Rockport|Rosedale|Silverton|Southbridge|Springvale|Stonebridge|Summerville|Thornbury|Westbrook|Willowdale",
);

export const STATES = list(
  "Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Georgia|Hawaii|Idaho|" +
    "Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|Michigan|Minnesota|" +
    "Mississippi|Missouri|Montana|Nebraska|Nevada|New Hampshire|New Jersey|New Mexico|New York|" +
    "North Carolina|North Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|Rhode Island|South Carolina|South Dakota|" +
    "Tennessee|Texas|Utah|Vermont|Virginia|Washington|West Virginia|Wisconsin|Wyoming",
);

export const PROVINCES = list(
  "Alberta|British Columbia|Manitoba|New Brunswick|Newfoundland and Labrador|Nova Scotia|Ontario|" +
    "Prince Edward Island|Quebec|Saskatchewan|Northwest Territories|Nunavut|Yukon",
);

export const COUNTRY_CODES = list(
  "AR|AT|AU|BE|BR|CA|CH|CL|CO|CZ|DE|DK|EE|EG|ES|FI|FR|GB|GR|HU|IE|IL|IN|IS|IT|JP|KE|KR|MX|NG|NL|NO|NZ|PE|" +
    "PL|PT|RO|SE|SG|TH|TR|UA|US|UY|VN|ZA",
);

/**
 * The car catalog behind the products stream: 25 makes with 4 models each, 100 products as
 * in Airbyte's fixed catalog.
 */
export const CAR_MODELS: readonly (readonly [make: string, models: readonly string[]])[] = [
  ["Acura", ["Integra", "Legend", "MDX", "TL"]],
  ["Audi", ["A4", "A6", "Q5", "TT"]],
  ["BMW", ["3 Series", "5 Series", "X3", "Z4"]],
  ["Buick", ["Century", "LeSabre", "Regal", "Skylark"]],
  ["Cadillac", ["DeVille", "Eldorado", "Escalade", "Seville"]],
  ["Chevrolet", ["Camaro", "Impala", "Malibu", "Silverado 1500"]],
  ["Chrysler", ["300", "Concorde", "PT Cruiser", "Sebring"]],
  ["Dodge", ["Caravan", "Charger", "Durango", "Ram 2500"]],
  ["Ford", ["Explorer", "F-150", "Mustang", "Ranger"]],
  ["GMC", ["Jimmy", "Safari", "Sierra 1500", "Yukon"]],
  ["Honda", ["Accord", "Civic", "CR-V", "Odyssey"]],
  ["Hyundai", ["Elantra", "Santa Fe", "Sonata", "Tucson"]],
  ["Infiniti", ["FX", "G35", "M45", "QX56"]],
  ["Jaguar", ["S-Type", "XF", "XJ", "XK"]],
  ["Jeep", ["Cherokee", "Grand Cherokee", "Liberty", "Wrangler"]],
  ["Kia", ["Optima", "Rio", "Sorento", "Sportage"]],
  ["Lexus", ["ES", "GS", "LS", "RX"]],
  ["Mazda", ["Mazda3", "Mazda6", "MX-5", "Tribute"]],
  ["Mercedes-Benz", ["C-Class", "E-Class", "M-Class", "S-Class"]],
  ["Mitsubishi", ["Eclipse", "Galant", "Lancer", "Montero"]],
  ["Nissan", ["240SX", "Altima", "Frontier", "Sentra"]],
  ["Pontiac", ["Bonneville", "Firebird", "G6", "Grand Am"]],
  ["Subaru", ["Forester", "Impreza", "Legacy", "Outback"]],
  ["Toyota", ["Camry", "Corolla", "Tacoma", "4Runner"]],
  ["Volkswagen", ["Golf", "Jetta", "Passat", "Touareg"]],
];
