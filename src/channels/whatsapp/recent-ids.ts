/**
 * The ids of the last messages handled, to ignore the same message delivered twice (whatsapp-web.js can
 * emit `message` again after a reconnection). Bounded: the oldest id is forgotten first.
 */
export class RecentIds {
  private readonly ids = new Set<string>();

  constructor(private readonly capacity = 1000) {}

  /** True when the id was seen recently; otherwise remembers it and returns false. */
  seen(id: string): boolean {
    if (this.ids.has(id)) return true;
    this.ids.add(id);
    // A Set iterates in insertion order: the first id is the oldest.
    if (this.ids.size > this.capacity) this.ids.delete(this.ids.values().next().value!);
    return false;
  }

  get size(): number {
    return this.ids.size;
  }
}
