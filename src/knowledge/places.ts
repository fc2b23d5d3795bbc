import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { normalize } from '../nlu/normalize.js';

/** What the engine knows of places: every commune of the académie, the larger towns and the départements elsewhere. */
export interface PlaceData {
  /** Normalised commune name → its département (`''` when two départements of the académie share the name). */
  academie: Record<string, string>;
  /** Normalised commune name of the académie → its population (the largest, for a shared name). */
  population: Record<string, number>;
  /** Normalised name of a town of at least `MIN_POPULATION` people elsewhere → its département and its name. */
  elsewhere: Record<string, [string, string]>;
  /** Towns elsewhere of at least `CITY_POPULATION` people: a name known well enough to be read in lower case (« je suis a toulouse »). */
  cities?: string[];
  /** Every French département: number and name. */
  departements: { code: string; nom: string }[];
  /** Normalised name of a country (ISO 3166, in French, with common short forms) → its name. */
  countries: Record<string, string>;
}

interface Commune {
  nom: string;
  departement?: string;
  type: string;
  population?: number;
}

/** Towns elsewhere below this size are left out: their names too often are ordinary words. */
const MIN_POPULATION = 5000;
/** Towns elsewhere from this size are cities whose names people type in lower case. */
const CITY_POPULATION = 50000;
const PACKAGE = '@etalab/decoupage-administratif';
/** Bump when the shape of `PlaceData` or the way it is built changes. */
const PLACES_VERSION = 5;

/**
 * The official list of communes (`@etalab/decoupage-administratif`), reduced
 * to what the engine needs for these départements. The package's data is
 * large (8 MB), so the result is kept in `data/` and read from there on later
 * starts; a read-only folder only costs the cache.
 */
export function loadPlaces(academieDeps: string[], cacheDir = path.join(process.cwd(), 'data')): PlaceData {
  const require = createRequire(import.meta.url);
  const version = (require(`${PACKAGE}/package.json`) as { version: string }).version;
  const key = `${PLACES_VERSION}-${version}-${[...academieDeps].sort().join('_')}`;
  const file = path.join(cacheDir, `places-${key}.json`);
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as PlaceData;
  } catch {
    const data = buildPlaces(
      require(`${PACKAGE}/data/communes.json`) as Commune[],
      require(`${PACKAGE}/data/departements.json`) as { code: string; nom: string }[],
      academieDeps,
      countryNames(require),
    );
    try {
      fs.mkdirSync(cacheDir, { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, JSON.stringify(data));
      fs.renameSync(tmp, file);
    } catch {
      // no cache: the next start builds it again
    }
    return data;
  }
}

/** Builds the place data from the official lists (exported for tests with a small list). */
export function buildPlaces(
  communes: Commune[],
  departements: { code: string; nom: string }[],
  academieDeps: string[],
  countries: string[][] = [],
): PlaceData {
  const ours = new Set(academieDeps);
  const academie: Record<string, string> = {};
  const population: Record<string, number> = {};
  const elsewhere: Record<string, [string, string]> = {};
  const cities: string[] = [];
  for (const c of communes) {
    if (!c.departement || (c.type !== 'commune-actuelle' && c.type !== 'commune-deleguee')) continue;
    const name = normalize(c.nom);
    if (ours.has(c.departement)) {
      academie[name] = academie[name] === undefined || academie[name] === c.departement ? c.departement : '';
      population[name] = Math.max(population[name] ?? 0, c.population ?? 0);
    } else if (c.type === 'commune-actuelle' && (c.population ?? 0) >= MIN_POPULATION && !elsewhere[name]) {
      elsewhere[name] = [c.departement, c.nom];
      if ((c.population ?? 0) >= CITY_POPULATION) cities.push(name);
    }
  }
  const names: Record<string, string> = {};
  // French overseas territories have an ISO code too: they are départements (or collectivités) here
  const french = new Set(departements.map((d) => normalize(d.nom)));
  for (const [official, ...others] of countries)
    for (const n of [official, ...others]) if (!french.has(normalize(n))) names[normalize(n)] ??= official;
  return {
    academie,
    population,
    elsewhere,
    cities: cities.filter((c) => academie[c] === undefined),
    departements: departements.map((d) => ({ code: d.code, nom: d.nom })),
    countries: names,
  };
}

/** Short forms people type that the ISO list does not give (« aux États-Unis », « en Angleterre »). */
const COUNTRY_ALIASES: Record<string, string[]> = { US: ['États-Unis', 'USA'], GB: ['Angleterre', 'Écosse', 'Pays de Galles'] };

/** Every country's names in French (`i18n-iso-countries`), the official one first. */
function countryNames(require: NodeRequire): string[][] {
  const iso = require('i18n-iso-countries') as {
    registerLocale(l: unknown): void;
    getNames(lang: string, o: { select: 'all' }): Record<string, string[]>;
  };
  iso.registerLocale(require('i18n-iso-countries/langs/fr.json'));
  return Object.entries(iso.getNames('fr', { select: 'all' })).map(([code, n]) => [...n, ...(COUNTRY_ALIASES[code] ?? [])]);
}
