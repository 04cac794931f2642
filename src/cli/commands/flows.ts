import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { ContentError, UsageError } from '../../errors.js';
import { flowToMermaid, italianTexts } from '../../flows/graph.js';
import { loadFlows } from '../../flows/loader.js';
import { loadLocales } from '../../i18n/locales.js';
import { parseOptionsAndPositionals } from '../args.js';
import type { CliCommand } from '../command.js';

const argsSchema = z.object({
  flow: z.string().optional(),
  format: z.enum(['mermaid', 'markdown'], { error: 'mermaid (the diagram) or markdown (each diagram in a ```mermaid block)' }).default('mermaid'),
});

export const flowsCommand: CliCommand = {
  name: 'flows',
  summary: 'draw the conversations: each flow as a Mermaid diagram',
  usage: [
    'ponte flows graph [FLOW] [--format mermaid|markdown] [--root DIR]',
    '    every flow (or one) as a Mermaid flowchart; paste it in a ```mermaid block (GitHub, mermaid.live)',
  ].join('\n'),
  async run(argv, io) {
    const [sub, ...rest] = argv;
    if (sub !== 'graph') throw new UsageError(sub ? `unknown subcommand "${sub}"` : 'which one? graph');
    const { values, positionals } = parseOptionsAndPositionals(rest, { format: { type: 'string' }, root: { type: 'string' } });
    if (positionals.length > 1) throw new UsageError(`one flow at a time, or none for all (got ${positionals.join(' ')})`);
    const parsed = argsSchema.safeParse({ flow: positionals[0], format: values.format });
    if (!parsed.success) throw new UsageError(`--format: ${parsed.error.issues[0]!.message}`);
    const { flow: only, format } = parsed.data;
    const rootDir = resolve(io.cwd, values.root ?? '.');
    if (!existsSync(join(rootDir, 'flows'))) throw new UsageError(`no flows/ folder in ${rootDir}`);

    // Problems between flows (a dangling step, an unreachable one) are `ponte check`'s business: the picture
    // helps to see them. A file that does not load at all cannot be drawn.
    const { flows, problems } = loadFlows(rootDir);
    const wanted = only ? [only] : [...flows.flows.keys()].sort();
    const unloaded = readdirSync(join(rootDir, 'flows'))
      .filter((name) => /\.ya?ml$/.test(name))
      .map((name) => ({ id: name.replace(/\.ya?ml$/, ''), file: `flows/${name}` }))
      .filter((f) => !flows.flows.has(f.id) && (!only || f.id === only));
    const broken = problems.filter((p) => p.severity === 'error' && unloaded.some((f) => f.file === p.file));
    if (broken.length > 0) throw new ContentError(broken);
    if (only && !flows.flows.has(only)) throw new UsageError(`unknown flow "${only}"; the flows are: ${[...flows.flows.keys()].sort().join(', ')}`);

    const texts = italianTexts(loadLocales(rootDir));
    const diagrams = wanted.map((id) => ({ id, text: flowToMermaid(flows.flows.get(id)!, flows, texts) }));
    io.stdout.write(
      format === 'markdown'
        ? diagrams.map((d) => `## ${d.id}\n\n\`\`\`mermaid\n${d.text}\`\`\`\n`).join('\n')
        : diagrams.map((d) => d.text).join('\n'),
    );
    return 0;
  },
};
