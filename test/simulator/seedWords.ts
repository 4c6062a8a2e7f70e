// Word lists for the generated demo data.

export const FIRST_NAMES = [
  'Anna',
  'Bram',
  'Chloé',
  'Daan',
  'Emma',
  'Finn',
  'Greta',
  'Hugo',
  'Iris',
  'Jan',
  'Julia',
  'Kees',
  'Lotte',
  'Milan',
  'Noor',
  'Olaf',
  'Petra',
  'Quinten',
  'Roos',
  'Sem',
  'Tess',
  'Umar',
  'Vera',
  'Willem',
  'Xandra',
  'Yara',
  'Zeynep',
  'Lucas',
  'Sophie',
  'Mohammed',
  'Fleur',
  'Thijs',
  'Sanne',
  'Ruben',
  'Eva',
  'José',
];

export const LAST_NAMES = [
  'de Vries',
  'Jansen',
  'van den Berg',
  'Bakker',
  'Visser',
  'Smit',
  'Meijer',
  'de Boer',
  'Mulder',
  'de Groot',
  'Bos',
  'Vos',
  'Peters',
  'Hendriks',
  'van Leeuwen',
  'Dekker',
  'Brouwer',
  'de Wit',
  'Dijkstra',
  'Smits',
  'Müller',
  'Dubois',
  'García',
  "O'Brien",
  'Kowalski',
  'Nguyen',
  'Yılmaz',
  'Andersen',
];

export const CITIES = [
  'Amsterdam',
  'Rotterdam',
  'Utrecht',
  'Den Haag',
  'Eindhoven',
  'Groningen',
  'Antwerpen',
  'Köln',
  'Lille',
  'Brighton',
];

export const COMPANIES = [
  'Acme',
  'Globex',
  'Initech',
  'Umbrella',
  'Stark',
  'Wayne',
  'Hooli',
  'Vandelay',
  'Soylent',
  'Tyrell',
  'Cyberdyne',
  'Aperture',
];

export const COMPANY_SUFFIXES = ['BV', 'NV', 'GmbH', 'Ltd', 'SARL', 'VOF'];

export const SUBJECTS = [
  'Login fails',
  'Invoice question',
  'Change address',
  'Cancel order',
  'Product broken',
  'Where is my parcel?',
  'Feature request',
  'Refund',
];

export const DOMAINS = [
  'example.com',
  'example.org',
  'example.net',
  'mail.example',
  'test.example',
];

/** ASCII-safe mail part of a name, e.g. "van den Berg" → "vandenberg". */
export function mailPart(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[^A-Za-z]/g, '')
    .toLowerCase();
}
