import { describe, expect, it, afterEach } from 'vitest';
import { loadKnowledgeBase } from '../../src/knowledge/index.js';
import { loadContent } from '../../src/app/content.js';
import { formatProblem } from '../../src/errors.js';
import { contentCopy } from '../support/content.js';
import { ROOT } from '../support/engine.js';

let copy: ReturnType<typeof contentCopy> | undefined;
afterEach(() => {
  copy?.remove();
  copy = undefined;
});

describe('questions Ponte does not answer', () => {
  const { base } = loadKnowledgeBase(ROOT);

  it('one rare shared word is not enough to answer ("partita" as in partita IVA)', () => {
    const c = base.classify("chi ha vinto la partita dell'inter ieri", null);
    expect(c.decision).not.toBe('answer');
  });

  it('a question that looks like the out-of-scope examples is not answered, in any script', () => {
    for (const q of ['che tempo fara domenica a brescia', 'oroscopo di oggi per il leone', 'آج موسم کیسا ہے لاہور میں', 'কাল কি বৃষ্টি হবে ঢাকায়', '后天会下雨吗']) {
      expect(base.classify(q, null).decision, q).toBe('abstain');
    }
  });

  it('real questions are still answered', () => {
    expect(base.classify('come rinnovo il permesso di soggiorno con il kit postale', null)).toMatchObject({ decision: 'answer', topic: 'permesso-rinnovo' });
    expect(base.classify('ho perso il codice fiscale come faccio a riaverlo', null)).toMatchObject({ decision: 'answer', topic: 'codice-fiscale' });
  });

  it('rank() never offers the out-of-scope examples as a topic', () => {
    expect(base.rank('che tempo fa domani', 5).map((r) => r.topic)).not.toContain('_out-of-scope');
  });

  it('a broken out-of-scope file is reported with its line', () => {
    copy = contentCopy();
    copy.write('knowledge/out-of-scope.yaml', 'version: 1\nquestions:\n  it:\n    - che tempo fa\n  xx:\n    - boh\n');
    const problems = loadContent(copy.root).problems.filter((p) => p.severity === 'error').map(formatProblem);
    expect(problems.some((p) => p.startsWith('knowledge/out-of-scope.yaml:'))).toBe(true);
  });
});
