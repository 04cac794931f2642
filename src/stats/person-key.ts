import { createHmac } from 'node:crypto';

/**
 * Distinct people are counted with a keyed hash whose key changes every month: within a month the same person
 * always gets the same hash, so counts are right; across months the hashes are unrelated, so nobody can be
 * followed from one month to the next. The monthly key is derived from the secret when needed and never stored.
 */

/** Bytes kept of each HMAC-SHA256: 128 bits make collisions negligible and the file smaller. */
export const PERSON_HASH_BYTES = 16;

export class MonthlyPersonHasher {
  readonly #secret: string;
  readonly #keys = new Map<string, Buffer>();

  constructor(secret: string) {
    if (secret.length < 16) throw new RangeError('the statistics secret must be at least 16 characters long');
    this.#secret = secret;
  }

  /** The key of one month (`YYYY-MM`), kept in memory only. */
  #keyOf(month: string): Buffer {
    let key = this.#keys.get(month);
    if (!key) {
      key = createHmac('sha256', this.#secret).update(`ponte/stats/person/${month}`).digest();
      if (this.#keys.size > 24) this.#keys.clear();
      this.#keys.set(month, key);
    }
    return key;
  }

  /** HMAC-SHA256 of the engine's pseudonymous `person` under the key of `month`, truncated. */
  hash(person: string, month: string): Buffer {
    return createHmac('sha256', this.#keyOf(month)).update(person).digest().subarray(0, PERSON_HASH_BYTES);
  }
}
