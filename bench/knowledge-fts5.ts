import Database from 'better-sqlite3';
import type { KnowledgeFile } from '../src/knowledge/file.js';
import { terms } from '../src/knowledge/tokenise.js';

/**
 * The alternative that was measured against the in-memory index: SQLite FTS5 with bm25() and column weights.
 * Ponte's own analysis (normalisation, Chinese segmentation, stems, trigrams) runs first and each term is
 * stored as an ASCII token, so both engines see the same terms; FTS5 ranks them. It has no per-term query
 * weights, no typo correction and no closest-question signal, which is part of what the comparison shows.
 */
export class Fts5Index {
  private readonly db = new Database(':memory:');
  private readonly ids: string[] = [];
  private readonly tokenOf = new Map<string, string>();
  private readonly query;

  /** One row per topic (all its languages), like the in-memory index; bm25 weights per column below. */
  constructor(files: Iterable<KnowledgeFile>) {
    this.db.exec("CREATE VIRTUAL TABLE docs USING fts5(title, questions, keywords, body, grams, tokenize = 'ascii')");
    const insert = this.db.prepare('INSERT INTO docs(rowid, title, questions, keywords, body, grams) VALUES (?, ?, ?, ?, ?, ?)');
    const encode = (texts: string[], grams: string[]) => {
      const out: string[] = [];
      for (const text of texts) {
        for (const { term, kind } of terms(text)) {
          const token = this.token(term);
          if (kind === 'gram' || kind === 'bigram') grams.push(token);
          else out.push(token);
        }
      }
      return out.join(' ');
    };
    const byTopic = new Map<string, KnowledgeFile[]>();
    for (const file of files) byTopic.set(file.topic, [...(byTopic.get(file.topic) ?? []), file]);
    this.db.transaction(() => {
      for (const [topic, group] of byTopic) {
        this.ids.push(topic);
        const grams: string[] = [];
        const row = [
          encode(group.map((f) => f.title), grams),
          encode(group.flatMap((f) => f.questions), grams),
          encode(group.flatMap((f) => f.keywords), grams),
          encode(group.flatMap((f) => f.messages), grams),
        ];
        insert.run(this.ids.length, ...row, grams.join(' '));
      }
    })();
    this.query = this.db.prepare('SELECT rowid, bm25(docs, 3.0, 1.0, 3.0, 0.3, 0.2) AS rank FROM docs WHERE docs MATCH ? ORDER BY rank LIMIT ?');
  }

  private token(term: string): string {
    let token = this.tokenOf.get(term);
    if (!token) this.tokenOf.set(term, (token = `t${this.tokenOf.size.toString(36)}`));
    return token;
  }

  search(question: string, limit = 3): Array<{ id: string; score: number }> {
    const known = new Set<string>();
    for (const { term } of terms(question)) {
      const token = this.tokenOf.get(term);
      if (token) known.add(token);
    }
    if (known.size === 0) return [];
    const rows = this.query.all([...known].join(' OR '), limit) as Array<{ rowid: number; rank: number }>;
    return rows.map((r) => ({ id: this.ids[r.rowid - 1]!, score: -r.rank }));
  }

  close(): void {
    this.db.close();
  }
}
