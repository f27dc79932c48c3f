/**
 * The `users` stream: people with an address, ids 1..count, each drawn from its own seeded
 * sequence (see random.ts).
 */
import type { Clock } from "./clock.js";
import { isoTime } from "./iso-time.js";
import { integerLength, keysLength, stringLength } from "./json-length.js";
import { SeededRandom, streamKey } from "./random.js";
import {
  ACADEMIC_DEGREES,
  BLOOD_TYPES,
  CITIES,
  COUNTRY_CODES,
  EMAIL_DOMAINS,
  EMAIL_WORDS,
  FIRST_NAMES,
  GENDERS,
  LANGUAGES,
  NATIONALITIES,
  OCCUPATIONS,
  PROVINCES,
  STATES,
  STREET_NAMES,
  STREET_SUFFIXES,
  TELEPHONE_FORMATS,
  TITLES,
} from "./words.js";

export const USERS_SALT = 1;

/** Users signed up between these instants (whole seconds), all before any `updated_at`. */
const SIGN_UPS_FROM_MS = Date.UTC(2010, 0, 1);
const SIGN_UPS_SECONDS = (Date.UTC(2023, 0, 1) - SIGN_UPS_FROM_MS) / 1000;

/** Each format as literal text and runs of digits: "(###) ###" is ["(", 3, ") ", 3]. */
const TELEPHONES = TELEPHONE_FORMATS.map((format) =>
  format
    .split(/(#+)/)
    .filter((part) => part !== "")
    .map((part) => (part.startsWith("#") ? part.length : part)),
);
/** Heights in metres, "1.50" to "2.00", written once. */
const HEIGHTS = Array.from({ length: 51 }, (_, centimetres) => ((150 + centimetres) / 100).toFixed(2));

export type User = {
  id: number;
  created_at: string;
  updated_at: string;
  name: string;
  title: string;
  age: number;
  email: string;
  telephone: string;
  gender: string;
  language: string;
  academic_degree: string;
  nationality: string;
  occupation: string;
  height: string;
  blood_type: string;
  weight: number;
  address: {
    street_number: string;
    street_name: string;
    city: string;
    state: string;
    province: string;
    postal_code: string;
    country_code: string;
  };
};

const ADDRESS_KEYS = ["street_number", "street_name", "city", "state", "province", "postal_code", "country_code"];
const USER_KEYS = [
  ...["id", "created_at", "updated_at", "name", "title", "age", "email", "telephone", "gender", "language"],
  ...["academic_degree", "nationality", "occupation", "height", "blood_type", "weight", "address"],
];
const USER_KEYS_LENGTH = keysLength(USER_KEYS) + keysLength(ADDRESS_KEYS);

/** `JSON.stringify(user).length`, from the lengths of its values (json-length.ts). */
export function userJsonLength(user: User): number {
  const { address } = user;
  return (
    USER_KEYS_LENGTH +
    integerLength(user.id) +
    stringLength(user.created_at) +
    stringLength(user.updated_at) +
    stringLength(user.name) +
    stringLength(user.title) +
    integerLength(user.age) +
    stringLength(user.email) +
    stringLength(user.telephone) +
    stringLength(user.gender) +
    stringLength(user.language) +
    stringLength(user.academic_degree) +
    stringLength(user.nationality) +
    stringLength(user.occupation) +
    stringLength(user.height) +
    stringLength(user.blood_type) +
    integerLength(user.weight) +
    stringLength(address.street_number) +
    stringLength(address.street_name) +
    stringLength(address.city) +
    stringLength(address.state) +
    stringLength(address.province) +
    stringLength(address.postal_code) +
    stringLength(address.country_code)
  );
}

/**
 * When user `id` signed up: the first draw of the user's sequence, so the purchases stream can
 * date a user's purchases after it without generating the whole user.
 */
export function signUpMs(random: SeededRandom, usersKey: number, id: number): number {
  return SIGN_UPS_FROM_MS + random.reseed(usersKey, id).int(0, SIGN_UPS_SECONDS) * 1000;
}

/** Users with ids after `afterId`, up to `count`, in id order. */
export function* users(seed: number, afterId: number, count: number, clock: Clock): Generator<User> {
  const random = new SeededRandom();
  const key = streamKey(seed, USERS_SALT);
  for (let id = afterId + 1; id <= count; id++) yield user(random, key, id, clock);
}

function user(random: SeededRandom, key: number, id: number, clock: Clock): User {
  // Draw order is part of the output: signUpMs must stay the first draw.
  const createdAt = isoTime(signUpMs(random, key, id));
  return {
    id,
    created_at: createdAt,
    updated_at: clock.stamp(id),
    name: random.pick(FIRST_NAMES),
    title: random.pick(TITLES),
    age: random.int(18, 80),
    // The id makes every address unique, as Airbyte's faker does.
    email: `${random.pick(EMAIL_WORDS)}${random.int(1900, 2099)}+${id}@${random.pick(EMAIL_DOMAINS)}`,
    telephone: telephone(random),
    gender: random.pick(GENDERS),
    language: random.pick(LANGUAGES),
    academic_degree: random.pick(ACADEMIC_DEGREES),
    nationality: random.pick(NATIONALITIES),
    occupation: random.pick(OCCUPATIONS),
    height: random.pick(HEIGHTS),
    blood_type: random.pick(BLOOD_TYPES),
    weight: random.int(40, 110),
    address: {
      street_number: String(random.int(1, 9999)),
      street_name: `${random.pick(STREET_NAMES)} ${random.pick(STREET_SUFFIXES)}`,
      city: random.pick(CITIES),
      state: random.pick(STATES),
      province: random.pick(PROVINCES),
      postal_code: random.digits(5),
      country_code: random.pick(COUNTRY_CODES),
    },
  };
}

function telephone(random: SeededRandom): string {
  let text = "";
  for (const part of random.pick(TELEPHONES)) text += typeof part === "number" ? random.digits(part) : part;
  return text;
}
