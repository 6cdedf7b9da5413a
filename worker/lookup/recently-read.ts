// What an isolate has read, most recently used last, up to a number of entries:
// the oldest goes first. A Map keeps insertion order, so moving an entry to the
// end on each use is the whole of it.
export class RecentlyRead<V> {
  private readonly entries = new Map<string, V>();

  /** Entries held now. */
  get size(): number {
    return this.entries.size;
  }

  /** The value, now the most recently used; undefined when not held. */
  get(key: string): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  /** Holds the value, dropping the least recently used entry beyond `limit`. */
  set(key: string, value: V, limit: number): void {
    this.entries.set(key, value);
    if (this.entries.size > limit) this.entries.delete(this.entries.keys().next().value!);
  }

  clear(): void {
    this.entries.clear();
  }
}
