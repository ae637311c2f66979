/**
 * Precision and recall of the feedback classifier per probe class over the corpus beside this file,
 * and how often genuine reports get the expected signal category: `npx tsx test/feedback/classifier-report.ts`.
 */
import { readFileSync } from 'node:fs';
import { classifyReport, PROBE_CLASSES, type ProbeClass } from '../../../src/domains/feedback/classifier/index';

export interface Corpus {
  probes: Record<ProbeClass, string[]>;
  genuine: Array<{ body: string; category: string }>;
}

export const corpus = JSON.parse(readFileSync(new URL('./classifier-corpus.json', import.meta.url), 'utf8')) as Corpus;

export interface GroupFigures {
  group: ProbeClass;
  samples: number;
  truePositives: number;
  falsePositives: number;
  precision: number;
  recall: number;
}

export function evaluate(data: Corpus = corpus) {
  const labelled = [
    ...PROBE_CLASSES.flatMap((group) => data.probes[group].map((body) => ({ body, expected: group as ProbeClass | null }))),
    ...data.genuine.map(({ body }) => ({ body, expected: null })),
  ];
  const results = labelled.map((item) => ({ ...item, actual: classifyReport(item.body) }));
  const groups: GroupFigures[] = PROBE_CLASSES.map((group) => {
    const truePositives = results.filter((r) => r.expected === group && r.actual.classification === group).length;
    const predicted = results.filter((r) => r.actual.classification === group).length;
    const samples = data.probes[group].length;
    return { group, samples, truePositives, falsePositives: predicted - truePositives, precision: predicted ? truePositives / predicted : 1, recall: truePositives / samples };
  });
  const genuine = results.filter((r) => r.expected === null);
  const genuineAsProbe = genuine.filter((r) => r.actual.classification !== null);
  const categoryHits = data.genuine.filter((item) => classifyReport(item.body).signalCategory === item.category).length;
  const categoryMisses = data.genuine.filter((item) => classifyReport(item.body).signalCategory !== item.category);
  const misses = results.filter((r) => r.expected !== r.actual.classification);
  return { groups, genuineAsProbe, categoryAccuracy: categoryHits / data.genuine.length, misses, categoryMisses };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { groups, genuineAsProbe, categoryAccuracy, misses, categoryMisses } = evaluate();
  const percent = (value: number) => `${(value * 100).toFixed(1)}%`;
  console.log('group     samples  precision  recall');
  for (const g of groups) console.log(`${g.group.padEnd(9)} ${String(g.samples).padStart(7)}  ${percent(g.precision).padStart(9)}  ${percent(g.recall).padStart(6)}`);
  console.log(`genuine reports classed as probes: ${genuineAsProbe.length} of ${corpus.genuine.length}`);
  console.log(`genuine reports with the expected signal category: ${percent(categoryAccuracy)}`);
  for (const miss of categoryMisses) console.log(`  category: expected ${miss.category}, got ${classifyReport(miss.body).signalCategory}: ${JSON.stringify(miss.body)}`);
  for (const miss of misses) console.log(`  miss: expected ${miss.expected ?? 'genuine'}, got ${miss.actual.classification ?? 'genuine'} [${miss.actual.matchedRules.join(', ')}]: ${JSON.stringify(miss.body)}`);
}


if (import.meta.url === `file://${process.argv[1]}` && process.argv.includes('--holdout')) {
  const holdout = JSON.parse(readFileSync(new URL('./classifier-holdout.json', import.meta.url), 'utf8')) as Corpus;
  const { groups, genuineAsProbe, categoryAccuracy, misses } = evaluate(holdout);
  console.log('\nhold-out set (never tuned against):');
  for (const g of groups) console.log(`${g.group.padEnd(9)} ${String(g.samples).padStart(7)}  ${(g.precision * 100).toFixed(1).padStart(8)}%  ${(g.recall * 100).toFixed(1).padStart(5)}%`);
  console.log(`genuine reports classed as probes: ${genuineAsProbe.length} of ${holdout.genuine.length}; expected signal category: ${(categoryAccuracy * 100).toFixed(1)}%`);
  for (const miss of misses) console.log(`  miss: expected ${miss.expected ?? 'genuine'}, got ${miss.actual.classification ?? 'genuine'} [${miss.actual.matchedRules.join(', ')}]: ${JSON.stringify(miss.body)}`);
}
