import type { Classification, DirectoryPort, KnowledgePort, NearestQuery, PlaceResolution, Route, ServiceHit, TopicAnswer } from '../engine/ports.js';
import type { Lang } from '../engine/types.js';
import { CapabilityUnavailable } from '../errors.js';

/**
 * PLACEHOLDERS for capabilities that later issues build (knowledge answers: issue 3; directory: issue 4).
 * They never pretend: every call that would need the real thing raises CapabilityUnavailable, and the
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

export class PlaceholderDirectory implements DirectoryPort {
  resolve(_text: string): PlaceResolution {
    throw new CapabilityUnavailable('places need the directory (issue 4)');
  }

  locate(_lat: number, _lon: number): PlaceResolution {
    throw new CapabilityUnavailable('places need the directory (issue 4)');
  }

  nearest(_query: NearestQuery): ServiceHit[] {
    throw new CapabilityUnavailable('services need the directory (issue 4)');
  }
}
