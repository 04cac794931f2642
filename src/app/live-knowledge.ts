import type { Classification, KnowledgePort, Route, TopicAnswer } from '../engine/ports.js';
import type { Lang } from '../engine/types.js';

/**
 * The knowledge port the engine holds while the files underneath are reloaded: each call goes to the latest
 * good knowledge base, so an operator's edit is served at once and a turn never sees half of a reload.
 */
export class LiveKnowledge implements KnowledgePort {
  constructor(private current: KnowledgePort) {}

  replace(next: KnowledgePort): void {
    this.current = next;
  }

  classify(question: string, lang: Lang | null): Classification {
    return this.current.classify(question, lang);
  }

  answer(topic: string, lang: Lang): TopicAnswer | undefined {
    return this.current.answer(topic, lang);
  }

  title(topic: string, lang: Lang): string | undefined {
    return this.current.title(topic, lang);
  }

  route(topic: string): Route | undefined {
    return this.current.route(topic);
  }
}
