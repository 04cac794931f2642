import type { Classification, KnowledgePort, Route, TopicAnswer } from '../engine/ports.js';
import type { Lang } from '../engine/types.js';
import { CapabilityUnavailable } from '../errors.js';

/**
 * PLACEHOLDER for the knowledge base (issue 3).
 * They never pretend: every call that would need it raises CapabilityUnavailable, and the
 * engine tells the person that this part of Ponte is not available yet.
 */

export class PlaceholderKnowledge implements KnowledgePort {
  constructor(private readonly topics: Map<string, { it: string; route: Route }>) {}

  classify(_question: string, _lang: Lang | null): Classification {
    throw new CapabilityUnavailable('free questions need the knowledge base (issue 3)');
  }

  answer(_topic: string, _lang: Lang): TopicAnswer | undefined {
    throw new CapabilityUnavailable('answers need the knowledge base (issue 3)');
  }

  title(topic: string): string | undefined {
    return this.topics.get(topic)?.it;
  }

  route(topic: string): Route | undefined {
    return this.topics.get(topic)?.route;
  }
}
